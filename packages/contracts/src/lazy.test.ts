import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { lazy } from './lazy.ts';
import { ledgerQuery, project, projectCreate } from './index.ts';

/** A stand-in that counts its builds. */
function counted<T extends object>(make: () => T) {
  const built = { n: 0 };
  const schema = lazy(() => {
    built.n++;
    return make();
  });
  return { schema, built };
}

describe('lazy contract schemas', () => {
  it('builds the schema on its first use, once', () => {
    const { schema, built } = counted(() => z.strictObject({ a: z.int().min(1), b: z.string().optional() }));
    expect(built.n).toBe(0);
    expect(schema.parse({ a: 2 })).toEqual({ a: 2 });
    expect(schema.parse({ a: 3, b: 'x' })).toEqual({ a: 3, b: 'x' });
    expect(built.n).toBe(1);
  });

  it('answers as the schema itself: errors, shape, instanceof, methods', () => {
    const make = () => z.strictObject({ a: z.int().min(1) });
    const { schema } = counted(make);
    const eager = make();
    // The same issues for the same bad input: a too-small number and an unknown key.
    const bad = { a: 0, extra: true };
    expect(schema.safeParse(bad).error?.issues).toEqual(eager.safeParse(bad).error?.issues);
    expect(Object.keys(schema.shape)).toEqual(['a']);
    expect(schema instanceof z.ZodObject).toBe(true);
    expect(schema instanceof z.ZodString).toBe(false);
    expect(schema.partial().parse({})).toEqual({});
    expect(z.toJSONSchema(schema)).toEqual(z.toJSONSchema(eager));
  });

  it('answers the probes of Fastify and promise checks without building', () => {
    const { schema, built } = counted(() => z.object({ a: z.string() }));
    const probed = schema as unknown as Record<string | symbol, unknown>;
    expect(probed.content).toBeUndefined();
    expect(probed.isFluentSchema).toBeUndefined();
    expect(probed.then).toBeUndefined();
    expect('properties' in schema).toBe(false);
    expect(probed[Symbol.for('fluent-schema-object')]).toBeUndefined();
    // Fastify keeps a schema whose prototype is not a plain object's as it is (a custom schema).
    expect(Object.getPrototypeOf(schema)).not.toBe(Object.prototype);
    expect(built.n).toBe(0);
  });

  it('composes stand-ins without building them until the composite is used', () => {
    const inner = counted(() => z.object({ n: z.int() }));
    const outer = counted(() => z.object({ items: z.array(inner.schema), total: z.int() }));
    const page = counted(() => outer.schema.extend({ page: z.int() }));
    expect([inner.built.n, outer.built.n, page.built.n]).toEqual([0, 0, 0]);
    expect(page.schema.parse({ items: [{ n: 1 }, { n: 2 }], total: 2, page: 1 })).toEqual({
      items: [{ n: 1 }, { n: 2 }],
      total: 2,
      page: 1,
    });
    expect([inner.built.n, outer.built.n, page.built.n]).toEqual([1, 1, 1]);
    expect(page.schema.safeParse({ items: [{ n: 'x' }], total: 1, page: 1 }).error?.issues[0]?.path).toEqual([
      'items',
      0,
      'n',
    ]);
  });

  it("the contracts' own schemas work through their stand-ins", () => {
    // The ledger's query: page and pageSize default to 1 and 20, year is coerced from the querystring.
    expect(ledgerQuery.parse({ year: '2023' })).toMatchObject({ year: 2023, page: 1, pageSize: 20 });
    expect(ledgerQuery.safeParse({ year: '1999' }).success).toBe(false);
    // A project's create body needs at least one year (years: min 1).
    expect(projectCreate.safeParse({ name: 'x', years: [] }).success).toBe(false);
    expect(Object.keys(project.shape)).toContain('years');
  });
});

describe("the contracts' exports", () => {
  it('every schema builds, and none is one of the wrappers a stand-in cannot be', async () => {
    const contracts = (await import('./index.ts')) as Record<string, unknown>;
    const schemas = Object.entries(contracts).filter(
      ([, v]) => typeof v === 'object' && v !== null && '_zod' in v,
    );
    // `'_zod' in v` built each stand-in (a wrapper among them would have thrown): 186 schemas
    // here, all stand-ins but page and pageSize (defaults, built at load).
    expect(schemas.length).toBeGreaterThan(150);
  });

  it('refuses a wrapper as a stand-in, with a message', () => {
    const s = lazy(() => z.int().default(1));
    expect(() => s.parse(undefined)).toThrow('lazy(): a zod default schema cannot be a stand-in');
  });
});
