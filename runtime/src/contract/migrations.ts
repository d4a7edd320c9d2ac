import { FLOW_SCHEMA } from './flow-document.js';
import type { AnyNodeDefinition } from './node-definition.js';

/**
 * Forward-only migrations of persisted flows. A document names its format in `schema`
 * ("tailor.flow/v1"); each step brings one older format to the next, and a chain of steps brings
 * any known format to FLOW_SCHEMA. Node configs migrate separately, through the node type's
 * `version` and `migrate`, because node types evolve on their own.
 */
export interface FlowMigrationStep {
  /** The `schema` this step reads, e.g. "tailor.flow/v0". */
  readonly from: string;
  /** The `schema` it writes; the step must set `schema` to this value itself or it is set for it. */
  readonly to: string;
  migrate(document: Record<string, unknown>): Record<string, unknown>;
}

export type FlowMigrationOutcome =
  | { ok: true; document: unknown; applied: readonly string[] }
  | { ok: false; reason: 'unknown-schema' | 'step-failed'; message: string };

export class FlowMigrations {
  readonly #steps = new Map<string, FlowMigrationStep>();

  constructor(steps: Iterable<FlowMigrationStep> = []) {
    for (const step of steps) this.register(step);
  }

  register(step: FlowMigrationStep): this {
    if (step.from === FLOW_SCHEMA) throw new Error(`"${FLOW_SCHEMA}" is the current format; nothing migrates from it.`);
    if (this.#steps.has(step.from)) throw new Error(`A migration from "${step.from}" is already registered.`);
    this.#steps.set(step.from, step);
    return this;
  }

  /** Formats this installation can read: the current one and every one a chain of steps leads from. */
  known(): string[] {
    return [FLOW_SCHEMA, ...this.#steps.keys()];
  }

  /**
   * Brings a document to FLOW_SCHEMA. A document that is not an object, or has no `schema`, is
   * returned as is: validation explains what is missing.
   */
  migrate(document: unknown): FlowMigrationOutcome {
    if (document === null || typeof document !== 'object' || Array.isArray(document)) {
      return { ok: true, document, applied: [] };
    }
    let current = document as Record<string, unknown>;
    const applied: string[] = [];
    const seen = new Set<string>();
    while (typeof current.schema === 'string' && current.schema !== FLOW_SCHEMA) {
      const from = current.schema;
      const step = this.#steps.get(from);
      if (!step || seen.has(from)) {
        return {
          ok: false,
          reason: 'unknown-schema',
          message: `This flow is written in the format "${from}", which this installation cannot read (it reads ${this.known().join(', ')}). Update Tailor, or export the flow again from the installation that made it.`,
        };
      }
      seen.add(from);
      try {
        current = { ...step.migrate(structuredClone(current)), schema: step.to };
      } catch (thrown) {
        const reason = thrown instanceof Error ? thrown.message : String(thrown);
        return {
          ok: false,
          reason: 'step-failed',
          message: `Converting this flow from "${from}" to "${step.to}" failed: ${reason}`,
        };
      }
      applied.push(`${from} → ${step.to}`);
    }
    return { ok: true, document: current, applied };
  }
}

/** The registry Tailor uses. Empty today: tailor.flow/v1 is the first format. */
export const flowMigrations = new FlowMigrations();

export type NodeMigrationOutcome =
  | { ok: true; config: Record<string, unknown>; migrated: boolean }
  | { ok: false; message: string; newer: boolean };

/**
 * Brings one node's config to its definition's version. A node without `version` is taken as
 * written for the current version (hand-written flows); validation stamps the version on every
 * node it returns, so saved flows carry it.
 */
export function migrateNodeConfig(
  definition: AnyNodeDefinition,
  config: Record<string, unknown>,
  version: number | undefined,
): NodeMigrationOutcome {
  if (version === undefined || version === definition.version) return { ok: true, config, migrated: false };
  if (version > definition.version) {
    return {
      ok: false,
      newer: true,
      message: `was made for version ${version} of "${definition.type}", but this installation has version ${definition.version}. Update Tailor to open this flow.`,
    };
  }
  // A version bump without `migrate` declares the old config still valid.
  if (!definition.migrate) return { ok: true, config, migrated: true };
  try {
    return { ok: true, config: definition.migrate(structuredClone(config), version), migrated: true };
  } catch (thrown) {
    const reason = thrown instanceof Error ? thrown.message : String(thrown);
    return {
      ok: false,
      newer: false,
      message: `could not be updated from version ${version} to ${definition.version} of "${definition.type}": ${reason}`,
    };
  }
}
