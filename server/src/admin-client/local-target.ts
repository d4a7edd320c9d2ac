import { type Catalogue, FlowDocumentSchema, loadFlow } from '@tailor/runtime';
import { AdminAuth } from '../auth/admin-auth.js';
import { createApiKey } from '../auth/create-api-key.js';
import { publishGateRefusal } from '../evaluation/publish-gate.js';
import { RunFilterSchema } from '../storage/run-store.js';
import type { Storage } from '../storage/storage.js';
import { type AdminTarget, type PushResult, TargetRefusal } from './admin-target.js';

/** Acts on the data directory (or MongoDB) directly; for a server that is not running, or scripts beside it. */
export function localTarget(storage: Storage, catalogue: Catalogue, description: string): AdminTarget {
  return {
    description,
    listFlows: () => storage.flows.list(),
    async pushFlow(input, publish, note) {
      // Like the editor: a draft may have problems, but only a valid draft is published.
      const checked = loadFlow(input, catalogue);
      const document = checked.document ?? FlowDocumentSchema.safeParse(input).data;
      if (!document) throw new TargetRefusal('The file is not a flow document.', checked.problems);
      const now = Date.now();
      const existing = await storage.flows.get(document.id);
      const saved = existing
        ? await storage.flows.update(document, undefined, now)
        : await storage.flows.create(document, now);
      const result: PushResult = {
        flowId: saved.id,
        created: !existing,
        revision: saved.revision,
        problems: checked.problems,
      };
      if (!publish) return result;
      if (!checked.valid)
        throw new TargetRefusal('The draft was saved but not published: it has problems.', checked.problems);
      // The same rule as the server's publish route.
      const refusal = await publishGateRefusal(storage, saved);
      if (refusal) throw new TargetRefusal(`The draft was saved but not published. ${refusal}`);
      return { ...result, version: (await storage.flows.publish(saved.id, note, now)).version };
    },
    async createKey(options) {
      if (options.flowId && !(await storage.flows.get(options.flowId))) {
        throw new TargetRefusal(`There is no flow "${options.flowId}"; push it first.`);
      }
      const { key, summary } = await createApiKey(storage.keys, {
        flowId: options.flowId ?? null,
        origins: options.origins,
        ...(options.label ? { label: options.label } : {}),
      });
      return { ...summary, key };
    },
    createAdminToken: () => new AdminAuth(storage.settings).createAdminToken(),
    listRuns: (filter) => storage.runs.list(RunFilterSchema.parse(filter)),
    close: () => storage.close(),
  };
}
