import { type Catalogue, type FlowDocument, loadFlow } from '@tailor/runtime';
import { fromValidationProblems, HttpError, notFoundError } from '../http/http-error.js';
import type { FlowStore } from '../storage/flow-store.js';

export type VersionChoice = 'draft' | 'published' | number;

export interface RunnableVersion {
  document: FlowDocument;
  /** Absent for the draft. */
  flowVersion?: number;
}

const PUBLISHED_TTL_MS = 2_000;

/**
 * Finds the document a run executes and checks it is valid. Published versions are cached (they
 * never change; only which one is published does, re-read every two seconds and dropped at once
 * on this instance when it publishes), so the published API does not re-validate per request.
 */
export class FlowResolver {
  readonly #flows: FlowStore;
  readonly #catalogue: Catalogue;
  readonly #published = new Map<string, { version: RunnableVersion; at: number }>();
  readonly #versions = new Map<string, RunnableVersion>();
  /**
   * The last validated draft of each flow, by revision (every save bumps it) and creation time (a
   * flow deleted and made again starts at revision 1 again).
   */
  readonly #drafts = new Map<string, { revision: number; createdAt: number; version: RunnableVersion }>();

  constructor(flows: FlowStore, catalogue: Catalogue) {
    this.#flows = flows;
    this.#catalogue = catalogue;
  }

  /** Call after publishing, rolling back or deleting a flow. */
  forget(flowId: string): void {
    this.#published.delete(flowId);
    this.#drafts.delete(flowId);
  }

  async resolve(flowId: string, choice: VersionChoice): Promise<RunnableVersion> {
    if (choice === 'published') return this.#resolvePublished(flowId);
    if (choice === 'draft') {
      const flow = await this.#flows.get(flowId);
      if (!flow) throw notFoundError(`Flow "${flowId}"`);
      // An evaluation runs the same draft hundreds of times: validating it once per revision is enough.
      const cached = this.#drafts.get(flowId);
      if (cached?.revision === flow.revision && cached.createdAt === flow.createdAt) return cached.version;
      const version = { document: this.#validated(flow.document) };
      if (this.#drafts.size > 1_000) this.#drafts.clear();
      this.#drafts.set(flowId, { revision: flow.revision, createdAt: flow.createdAt, version });
      return version;
    }
    return this.#resolveVersion(flowId, choice);
  }

  async #resolvePublished(flowId: string): Promise<RunnableVersion> {
    const now = Date.now();
    const cached = this.#published.get(flowId);
    if (cached && now - cached.at < PUBLISHED_TTL_MS) return cached.version;
    const flow = await this.#flows.get(flowId);
    if (!flow) throw notFoundError(`Flow "${flowId}"`);
    if (flow.publishedVersion === null)
      throw new HttpError(
        409,
        'FLOW_NOT_PUBLISHED',
        `Flow "${flowId}" has no published version yet; publish it first.`,
      );
    const version = await this.#resolveVersion(flowId, flow.publishedVersion);
    this.#published.set(flowId, { version, at: now });
    return version;
  }

  async #resolveVersion(flowId: string, number: number): Promise<RunnableVersion> {
    const key = `${flowId}@${number}`;
    const cached = this.#versions.get(key);
    if (cached) return cached;
    const frozen = await this.#flows.version(flowId, number);
    if (!frozen) throw notFoundError(`Version ${number} of flow "${flowId}"`);
    const version = { document: this.#validated(frozen.document), flowVersion: number };
    if (this.#versions.size > 1_000) this.#versions.clear();
    this.#versions.set(key, version);
    return version;
  }

  #validated(document: FlowDocument): FlowDocument {
    const result = loadFlow(document, this.#catalogue);
    if (!result.valid || !result.document) throw fromValidationProblems(result.problems);
    return result.document;
  }
}
