import {
  changePasswordRequest,
  errorBody,
  loginRequest,
  loginResponse,
  okBody,
  sessionResponse,
} from '@guatu/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../app.ts';
import { isHttps } from '../proxy.ts';
import { isLoopbackRequest } from '../auth/loopback.ts';
import { changeOwnPassword, login, logout } from '../services/auth.service.ts';
import { presentSession } from '../services/mfa.service.ts';

export const SESSION_COOKIE = 'guatu_session';

export const authRoutes =
  ({ handle, config }: AppDeps, now: () => Date): FastifyPluginAsyncZod =>
  async (app) => {
    const cookieOptions = {
      httpOnly: true,
      sameSite: 'lax' as const,
      path: '/',
      secure: config.secureCookies,
    };

    app.post(
      '/auth/login',
      {
        config: {
          public: true,
          rateLimit: { max: config.loginRateLimitPerMinute, timeWindow: '1 minute' },
        },
        schema: {
          tags: ['auth'],
          summary: '登录 Log in; sets the session cookie and returns the CSRF token',
          body: loginRequest,
          response: { 200: loginResponse, 401: errorBody, 423: errorBody },
        },
      },
      async (req, reply) => {
        const { token, response } = await login(handle.db, config, {
          ...req.body,
          ip: req.ip,
          now: now(),
          loopback: isLoopbackRequest(req),
        });
        // With a second factor enrolled, the session is only opened by POST /auth/mfa/verify.
        if (token)
          reply.setCookie(SESSION_COOKIE, token, {
            ...cookieOptions,
            secure: config.secureCookies || isHttps(req),
          });
        return response;
      },
    );

    app.post(
      '/auth/logout',
      {
        config: { passwordChangeAllowed: true },
        schema: { tags: ['auth'], summary: '退出 Log out', response: { 200: okBody } },
      },
      async (req, reply) => {
        if (req.session) await logout(handle.db, req.session);
        reply.clearCookie(SESSION_COOKIE, { path: '/' });
        return { ok: true as const };
      },
    );

    app.get(
      '/auth/me',
      {
        config: { passwordChangeAllowed: true },
        schema: { tags: ['auth'], summary: '当前用户 The current user', response: { 200: sessionResponse } },
      },
      async (req) => presentSession(handle.db, config, req.actor, req.session!.csrfToken, req.session, now()),
    );

    app.post(
      '/auth/password',
      {
        config: { passwordChangeAllowed: true },
        schema: {
          tags: ['auth'],
          summary: '修改密码 Change my password',
          body: changePasswordRequest,
          response: { 200: okBody },
        },
      },
      async (req) => {
        await changeOwnPassword(handle.db, req.actor, req.body, req.session!.tokenHash, now());
        return { ok: true as const };
      },
    );
  };
