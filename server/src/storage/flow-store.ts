import { FlowDocumentSchema } from '@tailor/runtime';
import { z } from 'zod';

export const FlowSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string().optional(),
  /** Bumped by every write of the draft; clients send it back in `If-Match`. */
  revision: z.number().int().min(1),
  createdAt: z.number(),
  updatedAt: z.number(),
  /** The version the published API runs, or null while the flow was never published. */
  publishedVersion: z.number().int().nullable(),
});
export type FlowSummary = z.output<typeof FlowSummarySchema>;

export const StoredFlowSchema = FlowSummarySchema.extend({ document: FlowDocumentSchema });
export type StoredFlow = z.output<typeof StoredFlowSchema>;

export const FlowVersionSummarySchema = z.object({
  flowId: z.string(),
  version: z.number().int().min(1),
  note: z.string(),
  createdAt: z.number(),
});
export type FlowVersionSummary = z.output<typeof FlowVersionSummarySchema>;

export const FlowVersionSchema = FlowVersionSummarySchema.extend({ document: FlowDocumentSchema });
export type FlowVersion = z.output<typeof FlowVersionSchema>;

export type FlowDocumentValue = z.output<typeof FlowDocumentSchema>;

/**
 * Flows and their versions. The flow row holds the draft; a version is a frozen copy of a draft,
 * numbered from 1. Every write is atomic.
 */
export interface FlowStore {
  list(): Promise<FlowSummary[]>;
  get(id: string): Promise<StoredFlow | undefined>;
  /** Conflict when a flow with this id exists. */
  create(document: FlowDocumentValue, now: number): Promise<StoredFlow>;
  /** Replaces the draft; conflict when `expectedRevision` is given and stale; not-found when absent. */
  update(document: FlowDocumentValue, expectedRevision: number | undefined, now: number): Promise<StoredFlow>;
  /** Deletes the flow and its versions; false when it did not exist. */
  delete(id: string): Promise<boolean>;
  /** Freezes the current draft as the next version and makes it the published one. */
  publish(id: string, note: string, now: number): Promise<FlowVersion>;
  versions(id: string): Promise<FlowVersionSummary[]>;
  version(id: string, version: number): Promise<FlowVersion | undefined>;
  /** Makes an old version both the draft and the published version again (revision bumps). */
  rollback(id: string, version: number, now: number): Promise<StoredFlow>;
}
