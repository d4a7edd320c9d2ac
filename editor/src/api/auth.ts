import * as z from 'zod/mini';
import { request, requestVoid } from './client.js';

/** zod/mini here: the session check runs before any page loads, so it stays in the small first chunk. */
const AuthStatusSchema = z.object({ setupNeeded: z.boolean(), loggedIn: z.boolean() });
export type AuthStatus = z.output<typeof AuthStatusSchema>;

export const authApi = {
  status: () => request(AuthStatusSchema, '/api/auth/status'),
  setup: (password: string) => requestVoid('/api/auth/setup', { method: 'POST', body: { password } }),
  login: (password: string) => requestVoid('/api/auth/login', { method: 'POST', body: { password } }),
  logout: () => requestVoid('/api/auth/logout', { method: 'POST' }),
};
