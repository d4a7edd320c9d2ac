import { z } from 'zod';
import { SESSION_TTL_SECONDS } from '../auth/admin-auth.js';
import type { ApiTable } from '../http/api-table.js';
import { SESSION_COOKIE, sessionCookie } from '../http/cookies.js';
import { HttpError } from '../http/http-error.js';
import { RateLimiter } from '../http/rate-limiter.js';
import type { ServerContext } from '../server-context.js';

const PasswordSchema = z.object({ password: z.string().min(8, 'use at least 8 characters').max(200) });
const LoginSchema = z.object({ password: z.string().min(1).max(200) });
const StatusSchema = z.object({ setupNeeded: z.boolean(), loggedIn: z.boolean() });

export function addAuthRoutes(api: ApiTable, ctx: ServerContext): void {
  const { adminAuth } = ctx;
  // Password guessing is slowed per client address: 10 attempts a minute.
  const attempts = new RateLimiter(10, 10);
  const guard = (ip: string | undefined, res: import('express').Response) => {
    const verdict = attempts.take(`login:${ip ?? 'unknown'}`);
    if (!verdict.ok) {
      res.setHeader('Retry-After', String(verdict.retryAfterSeconds));
      throw new HttpError(429, 'RATE_LIMITED');
    }
  };
  const signIn = (res: import('express').Response, token: string) =>
    res.setHeader('Set-Cookie', sessionCookie(token, SESSION_TTL_SECONDS, ctx.config.TAILOR_SECURE_COOKIES));

  api.add({
    method: 'get',
    path: '/api/auth/status',
    tag: 'auth',
    access: 'public',
    summary: 'Is a password set, is this browser signed in',
    response: StatusSchema,
    handler: async ({ req }) => ({
      setupNeeded: await adminAuth.setupNeeded(),
      loggedIn: (await adminAuth.identify(req)) !== undefined,
    }),
  });
  api.add({
    method: 'post',
    path: '/api/auth/setup',
    tag: 'auth',
    access: 'public',
    summary: 'Set the admin password on first start (only while none is set) and sign in',
    body: PasswordSchema,
    response: StatusSchema,
    extraResponses: { '409': 'A password is already set' },
    handler: async ({ body, req, res }) => {
      guard(req.ip, res);
      signIn(res, await adminAuth.setup(body.password));
      return { setupNeeded: false, loggedIn: true };
    },
  });
  api.add({
    method: 'post',
    path: '/api/auth/login',
    tag: 'auth',
    access: 'public',
    summary: 'Sign in with the admin password',
    body: LoginSchema,
    response: StatusSchema,
    handler: async ({ body, req, res }) => {
      guard(req.ip, res);
      signIn(res, await adminAuth.login(body.password));
      return { setupNeeded: false, loggedIn: true };
    },
  });
  api.add({
    method: 'post',
    path: '/api/auth/logout',
    tag: 'auth',
    access: 'public',
    summary: 'Sign out this browser',
    response: StatusSchema,
    handler: async ({ req, res }) => {
      await adminAuth.logout(req);
      res.setHeader('Set-Cookie', `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0`);
      return { setupNeeded: await adminAuth.setupNeeded(), loggedIn: false };
    },
  });
  api.add({
    method: 'post',
    path: '/api/auth/tokens',
    tag: 'auth',
    access: 'admin',
    status: 201,
    summary: 'Create an admin token for scripts and the CLI (`--server … --token ta_…`); shown once',
    response: z.object({ token: z.string() }),
    handler: async () => ({ token: await adminAuth.createAdminToken() }),
  });
  api.add({
    method: 'put',
    path: '/api/auth/password',
    tag: 'auth',
    access: 'admin',
    summary: 'Change the admin password',
    body: PasswordSchema,
    response: z.object({ changed: z.literal(true) }),
    handler: async ({ body }) => {
      await adminAuth.changePassword(body.password);
      return { changed: true };
    },
  });
}
