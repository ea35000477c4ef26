/**
 * A route's querystring validation with its results kept (issue 11): the ledger list is asked the
 * same few querystrings over and over (page 1, a filter, the next page), and zod's parse of ~15
 * optional keys cost more per request than reading the answer from the portfolio index. The same
 * schema, the same 400s: a querystring not seen before, or one that fails, goes through zod as
 * always; one that passed is answered with its frozen result (at most `MAX_KEPT` distinct ones).
 */
import type { FastifySchemaCompiler, FastifySchemaValidationError } from 'fastify';
import { validatorCompiler } from 'fastify-type-provider-zod';
import type { $ZodType } from 'zod/v4/core';

const MAX_KEPT = 256;

type RouteDef<S> = Parameters<FastifySchemaCompiler<S>>[0];
type Result = { value?: unknown; error?: FastifySchemaValidationError[] | Error };

/** A route's validator compiler (`validatorCompiler` in its options): zod's, querystrings kept. */
export function keptQueryValidator<S>(route: RouteDef<S>): ReturnType<FastifySchemaCompiler<S>> {
  const validate = validatorCompiler(route as unknown as RouteDef<$ZodType>) as (data: unknown) => Result;
  if (route.httpPart !== 'querystring') return validate;
  const kept = new Map<string, Result>();
  return (data: unknown) => {
    // The parsed querystring: strings and arrays of strings (a repeated key), nothing else.
    const key = JSON.stringify(data);
    const hit = kept.get(key);
    if (hit) return hit;
    const result = validate(data);
    if (result.error) return result;
    const frozen = { value: Object.freeze(result.value) };
    kept.set(key, frozen);
    if (kept.size > MAX_KEPT) kept.delete(kept.keys().next().value!);
    return frozen;
  };
}
