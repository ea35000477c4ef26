/**
 * A contract schema built on its first use instead of when the contracts are loaded (issue 11:
 * start-up). Building the ~1,800 zod schemas of the contracts was the largest part of evaluating
 * the server at every start, while a start answers its first requests with a handful of them.
 *
 * `lazy(() => z.object({…}))` returns a stand-in of the schema's own type: the first property read
 * (`.parse`, `.shape`, `._zod`, `instanceof z.ZodObject`, which zod answers from `_zod`) builds
 * the schema once and every read after goes to it. Composing stand-ins (`z.array(project)`,
 * `ledgerQuery.omit(…)` inside another `lazy`) builds nothing until that one is used.
 *
 * What may look at a schema without using it gets its answer without a build: Fastify and
 * fastify-type-provider-zod probe a route's schemas for `content` (a response per content type),
 * `isFluentSchema` and `properties`, and a promise-like check reads `then`; zod schemas have none
 * of these, and the stand-in answers "none" until it is built. Its prototype is not zod's (Fastify
 * only needs it not to be a plain object's), so only zod's `instanceof` (by its traits) tells
 * what it is. The server's serializer compiler builds a response schema on the route's first
 * answer (app.ts), not as the route is registered.
 */
const PROBES = new Set<PropertyKey>([
  'content',
  'isFluentSchema',
  'properties',
  'then',
  Symbol.for('fluent-schema-object'),
]);

/**
 * zod's wrapper types, whose JSON Schema step looks the schema up by the object zod built (not by
 * the stand-in that other schemas hold): one of these as a stand-in breaks the OpenAPI document.
 * Such a schema is exported as it is (`page`, `pageSize`), or its inner schema is the stand-in.
 */
const WRAPPERS = new Set([
  'optional',
  'nullable',
  'nonoptional',
  'default',
  'prefault',
  'catch',
  'pipe',
  'readonly',
  'promise',
  'lazy',
]);

/** The class of a stand-in before and after its schema is built (never a plain object). */
class LazySchema {}

/** Marked free of side effects: a bundler drops the stand-ins nothing imports (the web app). */
export /* @__NO_SIDE_EFFECTS__ */ function lazy<T extends object>(build: () => T): T {
  let made: T | undefined;
  const schema = (): T => {
    if (made === undefined) {
      const built = build();
      const type = (built as { _zod?: { def?: { type?: string } } })._zod?.def?.type;
      if (type !== undefined && WRAPPERS.has(type))
        throw new Error(`lazy(): a zod ${type} schema cannot be a stand-in (see WRAPPERS in lazy.ts)`);
      made = built;
    }
    return made;
  };
  const handler: ProxyHandler<object> = {
    get: (_, key) => (made === undefined && PROBES.has(key) ? undefined : Reflect.get(schema(), key)),
    has: (_, key) => (made === undefined && PROBES.has(key) ? false : Reflect.has(schema(), key)),
    set: (_, key, value) => Reflect.set(schema(), key, value),
    ownKeys: () => Reflect.ownKeys(schema()),
    // Configurable as seen through the stand-in: a proxy may not report a non-configurable
    // property (zod's `_zod`) that its own target lacks.
    getOwnPropertyDescriptor: (_, key) => {
      const d = Reflect.getOwnPropertyDescriptor(schema(), key);
      return d && { ...d, configurable: true };
    },
    defineProperty: (_, key, d) => Reflect.defineProperty(schema(), key, d),
    deleteProperty: (_, key) => Reflect.deleteProperty(schema(), key),
  };
  return new Proxy(Object.create(LazySchema.prototype) as object, handler) as T;
}
