import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import Fastify, { type FastifyError, type FastifyInstance, type FastifyRequest } from 'fastify';
import {
  hasZodFastifySchemaValidationErrors,
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { Config } from './config.ts';
import type { DbHandle } from './db/connect.ts';
import { registerDocsOnDemand } from './docs-ui.ts';
import { AppError, statusOf } from './errors.ts';
import {
  entityNames,
  fieldNames,
  isMessageKey,
  langOf,
  systemName,
  translate,
  wordDetails,
} from './messages.ts';
import type { Actor } from './policies/actor.ts';
import { isHttps } from './proxy.ts';
import { registerHelmetHeaders, registerNoStore } from './http-security.ts';
import { mfaRoutes } from './routes/mfa.routes.ts';
import { enforceMfaEnrolment } from './services/mfa.service.ts';
import { auditRequestContext } from './repositories/audit.repository.ts';
import { appErrorOfDb } from './repositories/db-errors.ts';
import { pingDatabase } from './repositories/database.repository.ts';
import { jsonTooDeep, MAX_JSON_DEPTH, nulPath } from './request-guards.ts';
import { adminRoutes } from './routes/admin.routes.ts';
import { attachmentsRoutes } from './routes/attachments.routes.ts';
import { accountsRoutes } from './routes/accounts.routes.ts';
import { auditRoutes } from './routes/audit.routes.ts';
import { authRoutes, SESSION_COOKIE } from './routes/auth.routes.ts';
import { jobsNotificationsRoutes } from './routes/jobs-notifications.routes.ts';
import { ledgerExcelRoutes } from './routes/ledger-excel.routes.ts';
import { personalDataRoutes } from './routes/personal-data.routes.ts';
import { peopleRoutes } from './routes/people.routes.ts';
import { dispatchRoutes } from './routes/dispatch.routes.ts';
import { dispatchPhotosRoutes } from './routes/dispatch-photos.routes.ts';
import { dispatchImportRoutes } from './routes/dispatch-import.routes.ts';
import { projectRoutes } from './routes/projects.routes.ts';
import { scheduleRoutes } from './routes/schedule.routes.ts';
import { setupRoutes } from './routes/setup.routes.ts';
import { warningRulesRoutes } from './routes/warning-rules.routes.ts';
import { recordDenied } from './services/audit.service.ts';
import { csrfMatches, resolveSession, type ResolvedSession } from './services/auth.service.ts';

declare module 'fastify' {
  interface FastifyRequest {
    session: ResolvedSession | null;
    /** The logged-in user; routes not marked public never run without one. */
    actor: Actor;
  }
  interface FastifyContextConfig {
    /** Reachable without a session (health, login, docs). */
    public?: boolean;
    /** Answers while the user must change a printed or reset password (me, change password, logout). */
    passwordChangeAllowed?: boolean;
  }
}

export type AppDeps = { handle: DbHandle; config: Config; now?: () => Date };
export type App = FastifyInstance;

const BODY_LIMIT = 1024 * 1024;
/** The web build's files at the site root: the service worker and the web manifest (PWA). */
const PWA_ROOT_FILES = ['sw.js', 'manifest.webmanifest'];

/** Builds the HTTP app: security plugins, session and CSRF hooks, error mapping, routes, the SPA. */
export async function buildApp(deps: AppDeps): Promise<App> {
  const { handle, config } = deps;
  const now = deps.now ?? (() => new Date());
  const app = Fastify({
    logger: { level: config.logLevel },
    bodyLimit: BODY_LIMIT,
    // Request ids go into audit rows: Fastify's default (req-1, req-2…) restarts with every process
    // and repeats across app servers, so an id could not name one request.
    genReqId: () => randomUUID(),
    // X-Forwarded-* only from the proxies listed in GUATU_TRUST_PROXY: anyone else could forge the
    // client IP (audit rows, the login rate limit's key) with a header.
    trustProxy: config.trustProxy.length > 0 ? config.trustProxy : false,
    // No timer per plugin (avvio sets and clears one for each of the ~40 it loads, a few ms of
    // every start, issue 11): the plugins here register routes and hooks and wait on nothing.
    pluginTimeout: 0,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  // A response schema is built on the route's first answer, not as the route is registered: the
  // contracts' schemas are built on first use (packages/contracts/src/lazy.ts; issue 11: start-up).
  app.setSerializerCompiler((route: Parameters<typeof serializerCompiler>[0]) => {
    let serialize: ((data: unknown) => string) | undefined;
    return (data: unknown) => (serialize ??= serializerCompiler(route))(data);
  });

  registerHelmetHeaders(
    app,
    {
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", 'data:', 'blob:'],
          scriptSrc: ["'self'"],
          upgradeInsecureRequests: null,
        },
      },
      hsts: false, // sent per request instead (below): only over HTTPS (directly or via a trusted proxy)
    },
    {
      value: 'max-age=15552000; includeSubDomains',
      when: (req) => config.secureCookies || isHttps(req),
    },
  );
  await app.register(fastifyCookie);
  registerNoStore(app);
  await app.register(fastifyRateLimit, { global: false });
  await app.register(fastifySwagger, {
    openapi: {
      info: {
        title: 'Guatu 挂图 API',
        version: '0.1.0',
        description:
          'Session: POST /api/auth/login sets the HttpOnly cookie `guatu_session` (SameSite=Lax). ' +
          'CSRF: every POST/PATCH/PUT/DELETE except login must send header `X-CSRF-Token` with the ' +
          '`csrfToken` returned by login and GET /api/auth/me; without it the answer is 403 `csrf`. ' +
          'Money is integer yuan. Errors are {error:{code,message,details}} with the message in the ' +
          'language of Accept-Language (zh-CN default, en-US).',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE },
          csrf: { type: 'apiKey', in: 'header', name: 'X-CSRF-Token' },
        },
      },
      security: [{ session: [], csrf: [] }],
    },
    transform: jsonSchemaTransform,
  });
  // Swagger UI is set up by the first request under /api/docs, not at start (docs-ui.ts).
  registerDocsOnDemand(app, { routePrefix: '/api/docs', uiConfig: { docExpansion: 'list' } });

  // JSON nested deeper than MAX_JSON_DEPTH is refused before it is parsed or walked (400, not a 500).
  const parseJson = app.getDefaultJsonParser('error', 'ignore');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (req, body, done) => {
    if (jsonTooDeep(body as string))
      return done(
        new AppError('validation', {}, [
          { path: 'body', message: `JSON nested deeper than ${MAX_JSON_DEPTH} levels` },
        ]),
        undefined,
      );
    return parseJson(req, body as string, done);
  });

  app.decorateRequest('session', null);
  app.decorateRequest('actor', null as unknown as Actor);

  // Every audit row written while answering (sign-in included) carries the request id and client IP;
  // entered again after the body is parsed, whose stream events run outside the first scope. A GET
  // or HEAD has no body parsed (Fastify goes from the hooks to validation in the same context).
  const auditScope = (req: FastifyRequest, _reply: unknown, done: () => void) =>
    auditRequestContext.run({ requestId: req.id, ip: req.ip }, done);
  app.addHook('onRequest', auditScope);
  app.addHook('preValidation', (req, reply, done) =>
    req.method === 'GET' || req.method === 'HEAD' ? done() : auditScope(req, reply, done),
  );

  app.addHook('onRequest', async (req) => {
    if (!req.url.startsWith('/api/') || req.url.startsWith('/api/docs')) return;
    const route = req.routeOptions; // built anew by Fastify at every read
    if (route.config?.public) return;
    if (route.url === undefined) return; // unknown route: the 404 handler answers
    const token = req.cookies[SESSION_COOKIE];
    if (!token) throw new AppError('unauthenticated');
    const session = await resolveSession(handle.db, config, token, {
      ip: req.ip,
      lang: langOf(req.headers['accept-language']),
      now: now(),
    });
    req.session = session;
    req.actor = session.actor;
    req.actor.requestId = req.id;
    if (req.method !== 'GET' && req.method !== 'HEAD' && req.method !== 'OPTIONS') {
      const given = req.headers['x-csrf-token'];
      if (!csrfMatches(session.csrfToken, Array.isArray(given) ? given[0] : given))
        throw new AppError('csrf');
    }
    // A printed or reset password is changed before anything else (accounts, issue 7); the second
    // factor's enrolment (/api/auth/mfa/…) may come before or after it.
    if (
      session.actor.mustChangePassword &&
      !route.config?.passwordChangeAllowed &&
      !route.url.startsWith('/api/auth/mfa/')
    )
      throw new AppError('password_change_required');
    // An officer without a second factor may only enrol (issue 7, item 8).
    enforceMfaEnrolment(config, session.actor, route.url, session.mfaEnabled);
  });

  // PostgreSQL text cannot hold U+0000 (a 500 there); refuse it on every engine alike. The
  // querystring and the path's params are decoded from the URL: a NUL in them comes from a %00 there.
  app.addHook('preValidation', (req, _reply, done) => {
    const inUrl = req.url.includes('%00') || req.url.includes('\u0000');
    const at =
      nulPath(req.body, 'body') ??
      (inUrl ? (nulPath(req.query, 'querystring') ?? nulPath(req.params, 'params')) : null);
    if (at)
      done(new AppError('validation', {}, [{ path: at, message: 'NUL character (U+0000) is not allowed' }]));
    else done();
  });

  /** Every 403 answer is audited ('denied'); an audit failure is logged, never a 500 instead of the 403. */
  const auditDenied = async (req: FastifyRequest, code: string) => {
    try {
      await recordDenied(handle.db, {
        actor: req.actor ?? null,
        ip: req.ip,
        requestId: req.id,
        method: req.method,
        route: req.routeOptions.url ?? req.url.split('?')[0]!,
        code,
      });
    } catch (e) {
      req.log.error(e, 'audit of a denied request failed');
    }
  };

  app.setErrorHandler(async (thrown: FastifyError | AppError, req, reply) => {
    const lang = langOf(req.headers['accept-language']);
    // Two requests past the same duplicate check: the loser's INSERT fails in the database → 409.
    const err = (thrown instanceof AppError ? null : appErrorOfDb(thrown, req.body)) ?? thrown;
    if (err instanceof AppError) {
      const params = { ...err.params };
      if (err.code === 'not_found' && typeof params.entity === 'string')
        params.entity = entityNames[params.entity]?.[lang] ?? params.entity;
      if (err.code === 'duplicate' && typeof params.field === 'string')
        params.field = fieldNames[params.field]?.[lang] ?? params.field;
      if (err.code === 'version_conflict' && params.byKind === 'system') params.by = systemName[lang];
      // A detail with a reason code is worded from `<code>_<reason>` in the caller's language.
      const reasonKey = `${err.code}_${String(params.reason ?? '')}`;
      const sent = { ...err.params };
      if (params.reason !== undefined && isMessageKey(reasonKey))
        params.detail = sent.detail = translate(reasonKey, lang, params);
      if (statusOf(err.code) === 403) await auditDenied(req, err.code);
      // A table that does not record its editor (regions, departments, users): no name, no time.
      const messageKey =
        err.code === 'version_conflict' && params.byKind === 'unrecorded'
          ? 'version_conflict_unrecorded'
          : err.code;
      return reply.status(statusOf(err.code)).send({
        error: {
          code: err.code,
          message: translate(messageKey, lang, params),
          params: sent,
          details: wordDetails(err.details, lang),
        },
      });
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const details = err.validation.map((v) => ({
        path: `${err.validationContext ?? 'body'}${v.instancePath.replace(/\//g, '.')}`,
        message: v.message,
      }));
      return reply
        .status(400)
        .send({ error: { code: 'validation', message: translate('validation', lang), details } });
    }
    const status = err.statusCode ?? 500;
    if (status === 413 || err.code === 'FST_ERR_CTP_BODY_TOO_LARGE')
      return reply
        .status(413)
        .send({ error: { code: 'too_large', message: translate('too_large', lang, { limit: '1 MB' }) } });
    if (status === 429)
      return reply
        .status(429)
        .send({ error: { code: 'rate_limited', message: translate('rate_limited', lang) } });
    if (status === 403) await auditDenied(req, String(err.code ?? 'forbidden'));
    if (status >= 400 && status < 500)
      return reply.status(status).send({
        error: { code: 'bad_request', message: translate('bad_request', lang, { detail: err.message }) },
      });
    req.log.error(err);
    return reply.status(500).send({ error: { code: 'internal', message: translate('internal', lang) } });
  });

  app.get('/api/health', { config: { public: true } }, async (_req, reply) => {
    try {
      await pingDatabase(handle.db);
      return { ok: true, database: handle.engine };
    } catch {
      return reply.status(503).send({ ok: false, database: handle.engine });
    }
  });

  await app.register(authRoutes(deps, now), { prefix: '/api' });
  await app.register(mfaRoutes(deps, now), { prefix: '/api' });
  await app.register(accountsRoutes(deps), { prefix: '/api' });
  await app.register(projectRoutes(deps, now), { prefix: '/api' });
  await app.register(adminRoutes(deps, now), { prefix: '/api' });
  await app.register(auditRoutes(deps, now), { prefix: '/api' });
  await app.register(ledgerExcelRoutes(deps, now), { prefix: '/api' });
  await app.register(scheduleRoutes(deps, now), { prefix: '/api' });
  await app.register(warningRulesRoutes(deps, now), { prefix: '/api' });
  await app.register(personalDataRoutes(deps), { prefix: '/api' });
  await app.register(peopleRoutes(deps, now), { prefix: '/api' });
  await app.register(dispatchRoutes(deps, now), { prefix: '/api' });
  await app.register(dispatchPhotosRoutes(deps, now), { prefix: '/api' });
  await app.register(dispatchImportRoutes(deps, now), { prefix: '/api' });
  await app.register(jobsNotificationsRoutes(deps, now), { prefix: '/api' });
  await app.register(attachmentsRoutes(deps, now), { prefix: '/api' });
  await app.register(setupRoutes(deps), { prefix: '/api' });

  const dist = config.webDist;
  const hasWeb = dist !== null && fs.existsSync(path.join(dist, 'index.html'));
  if (hasWeb) {
    // The build writes .br and .gz beside each file (packages/web/vite.config.ts): sent with
    // Content-Encoding when the request accepts them. Hashed assets never change under their name;
    // index.html (also the SPA fallback below) is revalidated on every load.
    const assets = path.join(dist, 'assets') + path.sep;
    await app.register(fastifyStatic, {
      // GET /assets/* looked up per request, not globbed once at start: a build that replaces dist/
      // under a running server (new chunk names) is served as it stands; a missing chunk is a 404.
      // index.html goes out through the fallback below (sendFile with the dist root).
      root: path.join(dist, 'assets'),
      prefix: '/assets/',
      wildcard: true,
      index: false,
      preCompressed: true,
      cacheControl: false,
      setHeaders: (reply, file) => {
        reply.header(
          'cache-control',
          file.startsWith(assets) ? 'public, max-age=31536000, immutable' : 'no-cache',
        );
      },
    });
    // The installable app (packages/web/vite.config.ts, pwa): the service worker and its manifest at
    // the root (the worker's scope is its folder: the whole site), the icons under /icons/; all
    // revalidated (no-cache), so a new build's worker is found at once.
    for (const file of PWA_ROOT_FILES)
      app.get(`/${file}`, (_req, reply) => reply.header('cache-control', 'no-cache').sendFile(file, dist));
    await app.register(fastifyStatic, {
      root: path.join(dist, 'icons'),
      prefix: '/icons/',
      decorateReply: false,
      wildcard: true,
      index: false,
      cacheControl: false,
      setHeaders: (reply) => reply.header('cache-control', 'no-cache'),
    });
  }
  app.setNotFoundHandler((req, reply) => {
    // A missing file under /assets/ is a 404, not the SPA page: a lazy chunk import fails at once.
    const isAsset =
      req.url.startsWith('/assets/') ||
      req.url.startsWith('/icons/') ||
      PWA_ROOT_FILES.some((f) => req.url.split('?')[0] === `/${f}`);
    if (req.url.startsWith('/api') || isAsset || !hasWeb || req.method !== 'GET') {
      const lang = langOf(req.headers['accept-language']);
      return reply.status(404).send({
        error: {
          code: 'not_found',
          message: translate('not_found', lang, { entity: req.url.split('?')[0] ?? '' }),
        },
      });
    }
    return reply.type('text/html').sendFile('index.html', dist);
  });
  return app;
}
