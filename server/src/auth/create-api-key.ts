import { randomUUID } from 'node:crypto';
import { hashToken, newToken } from '../security/tokens.js';
import type { ApiKeySummary, KeyStore } from '../storage/key-store.js';

/** Makes a key and stores only its hash: the returned `key` is the one and only time it is seen. */
export async function createApiKey(
  keys: KeyStore,
  options: { flowId: string | null; origins?: readonly string[]; label?: string },
): Promise<{ key: string; summary: ApiKeySummary }> {
  const key = newToken('tk');
  const summary = await keys.create({
    id: randomUUID(),
    prefix: key.slice(0, 10),
    hash: hashToken(key),
    flowId: options.flowId,
    origins: [...(options.origins ?? [])],
    ...(options.label ? { label: options.label } : {}),
    createdAt: Date.now(),
  });
  return { key, summary };
}
