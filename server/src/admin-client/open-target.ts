import { catalogue } from '@tailor/nodes';
import { readConfig } from '../config.js';
import { openStorage } from '../storage/open-storage.js';
import type { AdminTarget } from './admin-target.js';
import { localTarget } from './local-target.js';
import { remoteTarget } from './remote-target.js';

export interface TargetOptions {
  server?: string;
  token?: string;
  dataDir?: string;
}

/** Options every flows-as-code command takes. */
export const TARGET_OPTIONS = {
  server: { type: 'string' },
  token: { type: 'string' },
  'data-dir': { type: 'string' },
} as const;

export const TARGET_HELP = `Where:
  (default)          the local data directory (TAILOR_DATA_DIR, default ./data; MONGODB_URI if set)
  --data-dir <dir>   another data directory
  --server <url>     a running server (or TAILOR_SERVER), with
  --token <ta_…>     an admin token (or TAILOR_TOKEN); make one with "tailor key create --admin"`;

/** The running server named by --server/TAILOR_SERVER, else the local data directory. */
export async function openTarget(
  options: TargetOptions,
  env: Readonly<Record<string, string | undefined>>,
  cwd: string,
): Promise<AdminTarget> {
  const server = options.server ?? env.TAILOR_SERVER;
  if (server) {
    const token = options.token ?? env.TAILOR_TOKEN;
    if (!token) throw new Error('--server needs an admin token: --token ta_… or TAILOR_TOKEN.');
    return remoteTarget(server, token);
  }
  const config = readConfig({ ...env, ...(options.dataDir ? { TAILOR_DATA_DIR: options.dataDir } : {}) }, cwd);
  const storage = await openStorage(config);
  return localTarget(storage, catalogue, config.MONGODB_URI ? 'MongoDB' : config.dataDir);
}
