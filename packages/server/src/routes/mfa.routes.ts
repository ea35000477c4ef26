import {
  errorBody,
  id,
  mfaActivateRequest,
  mfaPasswordRequest,
  mfaRecoveryCodesResponse,
  mfaSetupResponse,
  mfaStatusResponse,
  mfaVerifyRequest,
  okBody,
  sessionResponse,
} from '@guatu/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../app.ts';
import { isHttps } from '../proxy.ts';
import * as mfa from '../services/mfa.service.ts';
import { SESSION_COOKIE } from './auth.routes.ts';

/** 双因素认证 (TOTP + recovery codes): the second login step, enrolment, and the security admin's reset. */
export const mfaRoutes =
  ({ handle, config }: AppDeps, now: () => Date): FastifyPluginAsyncZod =>
  async (app) => {
    const codeRateLimit = { max: config.loginRateLimitPerMinute, timeWindow: '1 minute' };

    app.post(
      '/auth/mfa/verify',
      {
        config: { public: true, rateLimit: codeRateLimit },
        schema: {
          tags: ['auth'],
          summary: '登录第二步 The second login step: a TOTP or recovery code for the mfaToken of login',
          body: mfaVerifyRequest,
          response: { 200: sessionResponse, 401: errorBody, 423: errorBody },
        },
      },
      async (req, reply) => {
        const { token, response } = await mfa.verifyLogin(handle.db, config, {
          ...req.body,
          ip: req.ip,
          now: now(),
        });
        reply.setCookie(SESSION_COOKIE, token, {
          httpOnly: true,
          sameSite: 'lax',
          path: '/',
          secure: config.secureCookies || isHttps(req),
        });
        return response;
      },
    );

    app.get(
      '/auth/mfa',
      {
        schema: {
          tags: ['auth'],
          summary: '我的双因素认证 My second factor',
          response: { 200: mfaStatusResponse },
        },
      },
      async (req) => mfa.status(handle.db, config, req.actor),
    );

    app.post(
      '/auth/mfa/setup',
      {
        config: { rateLimit: codeRateLimit },
        schema: {
          tags: ['auth'],
          summary: '绑定双因素认证（第一步） A new TOTP secret, its otpauth URI and QR code',
          response: { 200: mfaSetupResponse },
        },
      },
      async (req) => mfa.startSetup(handle.db, req.actor, now()),
    );

    app.post(
      '/auth/mfa/activate',
      {
        config: { rateLimit: codeRateLimit },
        schema: {
          tags: ['auth'],
          summary: '绑定双因素认证（确认） Confirms the secret with a code; answers the recovery codes once',
          body: mfaActivateRequest,
          response: { 200: mfaRecoveryCodesResponse },
        },
      },
      async (req) => mfa.activate(handle.db, config, req.actor, req.body.code, now()),
    );

    app.post(
      '/auth/mfa/disable',
      {
        config: { rateLimit: codeRateLimit },
        schema: {
          tags: ['auth'],
          summary: '关闭双因素认证 Turns the second factor off (not for the three officers)',
          body: mfaPasswordRequest,
          response: { 200: okBody },
        },
      },
      async (req) => {
        await mfa.disable(handle.db, config, req.actor, req.body.password);
        return { ok: true as const };
      },
    );

    app.post(
      '/auth/mfa/recovery-codes',
      {
        config: { rateLimit: codeRateLimit },
        schema: {
          tags: ['auth'],
          summary: '重新生成恢复码 Ten new recovery codes; the old ones stop working',
          body: mfaPasswordRequest,
          response: { 200: mfaRecoveryCodesResponse },
        },
      },
      async (req) => mfa.regenerateRecoveryCodes(handle.db, req.actor, req.body.password, now()),
    );

    app.post(
      '/users/:id/mfa/reset',
      {
        schema: {
          tags: ['admin'],
          summary: '重置双因素认证 The security administrator clears a user’s second factor',
          params: z.object({ id }),
          response: { 200: okBody },
        },
      },
      async (req) => {
        await mfa.resetUserMfa(handle.db, req.actor, req.params.id);
        return { ok: true as const };
      },
    );
  };
