import type { ValidationProblem } from '@tailor/runtime';
import type { FlowSummary } from '../storage/flow-store.js';
import type { ApiKeySummary } from '../storage/key-store.js';
import type { RunFilter, RunPage } from '../storage/run-store.js';
import { adminHttp } from './admin-http.js';
import { type AdminTarget, TargetRefusal } from './admin-target.js';

/** Acts on a running server through its HTTP API, signed in with an admin token (`ta_…`). */
export function remoteTarget(server: string, token: string): AdminTarget {
  const http = adminHttp(server, token);
  const base = http.base;
  const call = async <T>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> => {
    const response = await http.call<T>(method, path, body);
    const parsed = response.body;
    if (response.status >= 400 && response.status !== 404) {
      const problems = (parsed?.error?.problems ?? []).map(
        (p): ValidationProblem => ({ code: 'document.shape', path: p.path, message: p.message, severity: 'error' }),
      );
      const message = parsed?.error?.message ?? `The server answered ${response.status}.`;
      if (response.status === 401)
        throw new Error(`${message} Check --token (create one with "tailor key create --admin").`);
      throw new TargetRefusal(message, problems);
    }
    return { status: response.status, body: parsed };
  };
  return {
    description: base,
    listFlows: async () => (await call<FlowSummary[]>('GET', '/api/flows')).body,
    async pushFlow(document, publish, note) {
      const id = (document as { id?: unknown })?.id;
      if (typeof id !== 'string') throw new TargetRefusal('The flow file has no "id".');
      const existing = await call<unknown>('GET', `/api/flows/${encodeURIComponent(id)}`);
      type Saved = { revision: number; problems: ValidationProblem[] };
      const saved =
        existing.status === 404
          ? await call<Saved>('POST', '/api/flows', document)
          : await call<Saved>('PUT', `/api/flows/${encodeURIComponent(id)}`, document);
      const result = {
        flowId: id,
        created: existing.status === 404,
        revision: saved.body.revision,
        problems: saved.body.problems,
      };
      if (!publish) return result;
      const version = await call<{ version: number }>('POST', `/api/flows/${encodeURIComponent(id)}/versions`, {
        note,
      });
      return { ...result, version: version.body.version };
    },
    async createKey(options) {
      const reply = await call<ApiKeySummary & { key: string }>('POST', '/api/keys', options);
      if (reply.status === 404) throw new TargetRefusal(`There is no flow "${options.flowId}"; push it first.`);
      return reply.body;
    },
    createAdminToken: async () => (await call<{ token: string }>('POST', '/api/auth/tokens')).body.token,
    async listRuns(filter: Partial<RunFilter>) {
      const query = new URLSearchParams(
        Object.entries(filter).flatMap(
          ([key, value]): Array<[string, string]> => (value === undefined ? [] : [[key, String(value)]]),
        ),
      );
      return (await call<RunPage>('GET', `/api/runs?${query}`)).body;
    },
    close: async () => undefined,
  };
}
