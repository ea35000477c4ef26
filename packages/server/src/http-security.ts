/**
 * `Cache-Control: no-store` on every API answer (issue 7, item 7): sign-in, the user's own data
 * and project data are all personal to the session, so no browser or proxy cache keeps them.
 * The docs UI and the health probe are the exceptions; a route that sets its own header keeps it.
 * (HSTS and `Secure` cookies over HTTPS are set in app.ts and auth.routes.ts via isHttps.)
 */
import type { FastifyInstance } from 'fastify';

export function registerNoStore(app: FastifyInstance): void {
  app.addHook('onSend', async (req, reply, payload) => {
    const url = req.url;
    if (url.startsWith('/api/') && !url.startsWith('/api/docs') && !url.startsWith('/api/health'))
      if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
    return payload;
  });
}
