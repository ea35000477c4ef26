/**
 * The API's documentation pages (Swagger UI under /api/docs, the OpenAPI document at
 * /api/docs/json and /api/docs/yaml), set up on the first request for them instead of at start
 * (issue 11: start-up). @fastify/swagger-ui loads its own copies of @fastify/static, glob and yaml
 * and reads its files when registered: about a sixth of the built server's start, for pages few
 * ever open. The first request under /api/docs builds a small Fastify instance holding only
 * swagger-ui, whose OpenAPI document is the app's own (`app.swagger()`, built by @fastify/swagger
 * from every route registered), and every request under /api/docs is answered through it
 * (`inject`), with the same status, headers and bytes. A missing page gets the app's 404.
 */
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';

type SwaggerUiOptions = { routePrefix: string; uiConfig?: Record<string, unknown> };

/** Headers the outer reply sets itself (length and framing) or that belong to one connection. */
const HOP_HEADERS = new Set(['content-length', 'transfer-encoding', 'connection', 'keep-alive', 'date']);

export function registerDocsOnDemand(app: FastifyInstance, opts: SwaggerUiOptions) {
  let ui: Promise<FastifyInstance> | undefined;
  const build = async (): Promise<FastifyInstance> => {
    const { default: swaggerUi } = await import('@fastify/swagger-ui');
    const inner = Fastify({ logger: false });
    // swagger-ui depends on a plugin named @fastify/swagger that decorates `swagger`: the app's.
    await inner.register(
      fp(
        async (f) => {
          f.decorate('swagger', ((o?: { yaml?: boolean }) => app.swagger(o as never)) as never);
        },
        { name: '@fastify/swagger' },
      ),
    );
    await inner.register(swaggerUi, opts);
    await inner.ready();
    return inner;
  };
  const handler = async (req: FastifyRequest, reply: FastifyReply) => {
    // A failed set-up (a missing package) is tried again by the next request.
    ui ??= build().catch((err: unknown) => {
      ui = undefined;
      throw err;
    });
    const res = await (
      await ui
    ).inject({
      method: 'GET',
      url: req.url,
      headers: { accept: req.headers.accept ?? '*/*', 'accept-encoding': 'identity' },
    });
    if (res.statusCode === 404) return reply.callNotFound();
    reply.code(res.statusCode);
    for (const [name, value] of Object.entries(res.headers))
      if (!HOP_HEADERS.has(name) && value !== undefined) reply.header(name, value);
    return reply.send(res.rawPayload);
  };
  const prefix = opts.routePrefix;
  for (const url of [prefix, `${prefix}/`, `${prefix}/*`])
    app.get(url, { config: { public: true }, schema: { hide: true } }, handler);
}
