import { resolve } from 'node:path';
import {
  DiskKnowledgeStore,
  type KnowledgeBases,
  KnowledgeService,
  ModelProvidersService,
  StoredKnowledgeBases,
} from '@tailor/nodes';
import { composeServices } from '../../../compose/services.js';
import type { CliIo } from '../../command.js';
import { readTextFile } from '../../flow-file.js';

export interface OpenKnowledge {
  bases: KnowledgeBases;
  dataDir: string;
  close(): Promise<void>;
}

/**
 * The knowledge bases the CLI works on: the host's knowledge service when it provides one, else
 * the embedded store under TAILOR_DATA_DIR (default ./data). Embedding and rerank models come from
 * the composed model providers (OPENAI_API_KEY …, or --credentials).
 */
export async function openKnowledge(io: CliIo, credentialsPath: string | undefined): Promise<OpenKnowledge> {
  const credentialsFile = credentialsPath
    ? { name: credentialsPath, text: await readTextFile(credentialsPath, io.cwd, 'credentials file') }
    : undefined;
  const dataDir = resolve(io.cwd, io.env.TAILOR_DATA_DIR || './data');
  const composed = await composeServices({ env: io.env, dataDir, ...(credentialsFile ? { credentialsFile } : {}) });
  const bases =
    composed.services.find(KnowledgeService) ??
    new StoredKnowledgeBases(new DiskKnowledgeStore(dataDir), composed.services.find(ModelProvidersService));
  return {
    bases,
    dataDir,
    async close() {
      await bases.flush();
      await composed.close();
    },
  };
}
