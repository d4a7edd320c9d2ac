import { serviceKey, TailorError } from '@tailor/runtime';
import type { ModelProviders } from '../providers/interfaces.js';
import { describeBase, KnowledgeBase, type KnowledgeBaseInfo } from './knowledge-base.js';
import { KnowledgeBaseNameSchema, type KnowledgeBaseSettingsInput, KnowledgeBaseSettingsSchema } from './model.js';
import type { KnowledgeStore } from './store/knowledge-store.js';

/** The knowledge bases of an installation, as nodes, the CLI and the HTTP API use them. */
export interface KnowledgeBases {
  list(): Promise<KnowledgeBaseInfo[]>;
  /** The knowledge base, or KNOWLEDGE_NOT_FOUND. */
  open(name: string): Promise<KnowledgeBase>;
  /** Opens it, creating it with these settings if it does not exist yet. */
  ensure(name: string, settings?: KnowledgeBaseSettingsInput): Promise<{ base: KnowledgeBase; created: boolean }>;
  delete(name: string): Promise<boolean>;
  /** Writes the index snapshots of every open knowledge base that changed. */
  flush(): Promise<void>;
}

export const KnowledgeService = serviceKey<KnowledgeBases>('knowledge', 'the knowledge bases');

export class StoredKnowledgeBases implements KnowledgeBases {
  readonly #open = new Map<string, Promise<KnowledgeBase>>();

  constructor(
    readonly store: KnowledgeStore,
    readonly providers?: ModelProviders,
  ) {}

  /** Loaded knowledge bases describe themselves; the others are described from their stored headers. */
  async list(): Promise<KnowledgeBaseInfo[]> {
    const records = await this.store.listBases();
    return Promise.all(
      records.map(async (record) => {
        const open = this.#open.get(record.name);
        if (open) return (await open).info;
        const documents = await this.store.listDocuments(record.name);
        return describeBase(
          record,
          documents.length,
          documents.reduce((sum, d) => sum + d.chunks, 0),
        );
      }),
    );
  }

  open(name: string): Promise<KnowledgeBase> {
    let opening = this.#open.get(name);
    if (!opening) {
      opening = this.#load(name);
      this.#open.set(name, opening);
      opening.catch(() => this.#open.delete(name));
    }
    return opening;
  }

  async ensure(
    name: string,
    settings: KnowledgeBaseSettingsInput = {},
  ): Promise<{ base: KnowledgeBase; created: boolean }> {
    const valid = KnowledgeBaseNameSchema.safeParse(name);
    if (!valid.success)
      throw new TailorError('CONFIG_INVALID', `"${name}": ${valid.error.issues[0]?.message ?? 'invalid name'}.`);
    if (await this.store.getBase(name)) return { base: await this.open(name), created: false };
    const now = Date.now();
    await this.store.putBase({
      name,
      settings: KnowledgeBaseSettingsSchema.parse(settings),
      embedded: null,
      generation: 0,
      createdAt: now,
      updatedAt: now,
    });
    return { base: await this.open(name), created: true };
  }

  async delete(name: string): Promise<boolean> {
    this.#open.delete(name);
    return this.store.deleteBase(name);
  }

  async flush(): Promise<void> {
    const bases = await Promise.allSettled(this.#open.values());
    await Promise.all(bases.map((b) => (b.status === 'fulfilled' ? b.value.flush() : undefined)));
  }

  async #load(name: string): Promise<KnowledgeBase> {
    const record = await this.store.getBase(name);
    if (!record) {
      const known = (await this.store.listBases()).map((r) => r.name);
      const hint =
        known.length > 0 ? `Known: ${known.join(', ')}.` : 'There are none yet; create one with tailor kb add.';
      throw new TailorError('KNOWLEDGE_NOT_FOUND', `"${name}" does not exist. ${hint}`);
    }
    return KnowledgeBase.open(this.store, this.providers, record);
  }
}
