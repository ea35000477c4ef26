/**
 * `Cache-Control: no-store` on every API answer (issue 7, item 7): sign-in, the user's own data
 * and project data are all personal to the session, so no browser or proxy cache keeps them.
 * The docs UI and the health probe are the exceptions; a route that sets its own header keeps it.
 * (HSTS and `Secure` cookies over HTTPS are set in app.ts and auth.routes.ts via isHttps.)
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import helmet, { type HelmetOptions } from 'helmet';

/**
 * helmet's headers (CSP, nosniff, frame options…) on every answer, worked out once: the Fastify
 * plugin (@fastify/helmet) builds helmet and parses the CSP directives again for every request,
 * ~0.2 ms each (issue 11). No nonces are used, so the headers do not depend on the request.
 */
export function registerHelmetHeaders(
  app: FastifyInstance,
  options: HelmetOptions,
  /** Strict-Transport-Security, sent in the same hook when `when` holds for the request. */
  hsts?: { value: string; when: (req: FastifyRequest) => boolean },
): void {
  const headers: Record<string, string> = {};
  const res = {
    setHeader: (name: string, value: string | number | readonly string[]) => {
      headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
    },
    removeHeader: (name: string) => {
      delete headers[name.toLowerCase()];
    },
  };
  helmet(options)(
    {} as Parameters<ReturnType<typeof helmet>>[0],
    res as unknown as Parameters<ReturnType<typeof helmet>>[1],
    (err?: unknown) => {
      if (err) throw err;
    },
  );
  // One synchronous hook for every fixed header and HSTS (issue 11: each hook, and each promise of
  // an async one, costs on every request).
  app.addHook('onRequest', (req, reply, done) => {
    reply.headers(headers);
    if (hsts?.when(req)) reply.header('strict-transport-security', hsts.value);
    done();
  });
}

export function registerNoStore(app: FastifyInstance): void {
  app.addHook('onSend', (req, reply, payload, done) => {
    const url = req.url;
    if (url.startsWith('/api/') && !url.startsWith('/api/docs') && !url.startsWith('/api/health'))
      if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
    done(null, payload);
  });
}
