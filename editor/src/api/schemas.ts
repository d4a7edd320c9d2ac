import { FlowDocumentSchema, LocalizedTextSchema, RunRecordSchema } from '@tailor/runtime/contract';
import { z } from 'zod';
import { isJsonSchema, type JsonSchema } from './json-schema.js';

const JsonSchemaSchema = z.custom<JsonSchema>(isJsonSchema, 'a JSON Schema object');

export const CatalogueEntrySchema = z.object({
  type: z.string(),
  version: z.number(),
  title: LocalizedTextSchema,
  description: LocalizedTextSchema,
  category: z.string(),
  ports: z.array(z.string()).default(['out']),
  /** The ports depend on the config (one per condition case, one per class). */
  dynamicPorts: z.boolean().default(false),
  rawFields: z.array(z.string()).default([]),
  configSchema: JsonSchemaSchema.default({}),
  outputSchema: JsonSchemaSchema.default({}),
});
export type CatalogueEntry = z.output<typeof CatalogueEntrySchema>;
export const CatalogueSchema = z.array(CatalogueEntrySchema);

const RevisionSchema = z.union([z.number(), z.string()]);
export type Revision = z.output<typeof RevisionSchema>;

/**
 * A validation problem as the API sends it. Lenient on purpose (codes are optional) so that the
 * editor keeps working when the validator learns new problem kinds.
 */
export const ProblemSchema = z.object({
  path: z.array(z.union([z.string(), z.number()])).default([]),
  message: z.string(),
  code: z.string().optional(),
  nodeId: z.string().optional(),
  field: z.string().optional(),
  severity: z.enum(['error', 'warning']).default('error'),
});
export type Problem = z.output<typeof ProblemSchema>;

export const ValidateResponseSchema = z.object({ valid: z.boolean(), problems: z.array(ProblemSchema) });

export const FlowSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string().nullish(),
  updatedAt: z.union([z.string(), z.number()]).nullish(),
  revision: RevisionSchema.nullish(),
  publishedVersion: z.number().nullish(),
});
export type FlowSummary = z.output<typeof FlowSummarySchema>;
export const FlowListSchema = z.array(FlowSummarySchema);

export const SavedFlowSchema = z.object({
  document: FlowDocumentSchema,
  revision: RevisionSchema,
  updatedAt: z.union([z.string(), z.number()]).nullish(),
  publishedVersion: z.number().nullish(),
  problems: z.array(ProblemSchema).default([]),
});
export type SavedFlow = z.output<typeof SavedFlowSchema>;

export const VersionSchema = z.object({
  version: z.number(),
  note: z.string().nullish(),
  createdAt: z.union([z.string(), z.number()]).nullish(),
  document: FlowDocumentSchema.optional(),
});
export type FlowVersion = z.output<typeof VersionSchema>;
export const VersionListSchema = z.array(VersionSchema);

export const DiffSchema = z.object({
  nodes: z.object({
    added: z.array(z.string()),
    removed: z.array(z.string()),
    changed: z.record(z.string(), z.array(z.string())),
  }),
  edges: z.object({ added: z.array(z.string()), removed: z.array(z.string()) }),
  fields: z.array(z.string()),
});
export type FlowDiff = z.output<typeof DiffSchema>;

export const RunStartedSchema = z.object({ runId: z.string() });
export const RunRecordResponseSchema = RunRecordSchema;

export const CredentialSchema = z
  .object({
    id: z.string(),
    provider: z.string().nullish(),
    kind: z.string().nullish(),
    baseUrl: z.string().nullish(),
    /** Masked secrets by field, e.g. `{ "apiKey": "sk-…abcd" }`. */
    masked: z.record(z.string(), z.string()).default({}),
    createdAt: z.union([z.string(), z.number()]).nullish(),
  })
  .catchall(z.unknown());
export type Credential = z.output<typeof CredentialSchema>;
export const CredentialListSchema = z.array(CredentialSchema);

export const ApiKeySchema = z
  .object({
    id: z.string(),
    flowId: z.string().nullish(),
    label: z.string().nullish(),
    origins: z.array(z.string()).nullish(),
    prefix: z.string().nullish(),
    createdAt: z.union([z.string(), z.number()]).nullish(),
    /** Present only in the answer that created it: the key is shown once. */
    key: z.string().optional(),
  })
  .catchall(z.unknown());
export type ApiKey = z.output<typeof ApiKeySchema>;
export const ApiKeyListSchema = z.array(ApiKeySchema);

/** The server's knowledge base info; its `name` is its identifier (what the retrieval node names). */
export const KnowledgeBaseSchema = z
  .object({
    name: z.string(),
    description: z.string().nullish(),
    documents: z.union([z.number(), z.array(z.unknown())]).nullish(),
    chunks: z.number().nullish(),
    keywordOnly: z.boolean().optional(),
  })
  .catchall(z.unknown())
  .transform((kb) => ({ ...kb, id: kb.name }));
export type KnowledgeBase = z.output<typeof KnowledgeBaseSchema>;
export const KnowledgeBaseListSchema = z.array(KnowledgeBaseSchema);

export const KnowledgeDocumentSchema = z
  .object({ name: z.string(), format: z.string(), bytes: z.number(), chunks: z.number(), tokens: z.number() })
  .catchall(z.unknown());
export type KnowledgeDocument = z.output<typeof KnowledgeDocumentSchema>;
export const KnowledgeBaseDetailSchema = z
  .object({ name: z.string(), documentList: z.array(KnowledgeDocumentSchema) })
  .catchall(z.unknown());
export const KnowledgeChunksSchema = z.object({
  document: KnowledgeDocumentSchema,
  chunks: z.array(
    z.object({ text: z.string(), tokens: z.number(), position: z.number(), headingPath: z.array(z.string()) }),
  ),
  total: z.number(),
});
export type KnowledgeChunks = z.output<typeof KnowledgeChunksSchema>;

export const OkSchema = z.unknown();
