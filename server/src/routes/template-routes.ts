import { randomUUID } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { FlowDocumentSchema, ValidationProblemSchema } from '@tailor/runtime';
import { z } from 'zod';
import { parseJsonl } from '../evaluation/dataset.js';
import { itemsForStorage } from '../evaluation/stored-dataset.js';
import type { ApiTable } from '../http/api-table.js';
import { notFoundError } from '../http/http-error.js';
import type { ServerContext } from '../server-context.js';
import { type FlowTemplate, listTemplates, readTemplate } from '../templates/template-library.js';
import { readFlowDocument } from './flow-input.js';

const LocalizedSchema = z.object({ en: z.string(), zh: z.string() });

export const TemplateSummarySchema = z.object({
  id: z.string(),
  name: LocalizedSchema,
  description: LocalizedSchema,
  tags: z.array(z.string()).optional(),
  /** Knowledge bases the flow reads; creating a flow fills them from the template's sample data. */
  knowledgeBases: z.array(z.string()),
  /** Whether creating a flow also creates its sample evaluation dataset. */
  sampleDataset: z.boolean(),
});

const CreatedFlowSchema = z.object({
  document: FlowDocumentSchema,
  revision: z.number(),
  problems: z.array(ValidationProblemSchema),
  /** Per knowledge base: the sample documents added now, and those it already held (left as they were). */
  knowledgeBases: z.array(z.object({ name: z.string(), added: z.array(z.string()), present: z.array(z.string()) })),
  /** The sample evaluation dataset made for the new flow, when the template ships one. */
  dataset: z.object({ id: z.string(), name: z.string(), itemCount: z.number() }).optional(),
});

function summaryOf(template: FlowTemplate): z.output<typeof TemplateSummarySchema> {
  return {
    id: template.name,
    name: template.labels.name,
    description: template.labels.description,
    ...(template.labels.tags ? { tags: template.labels.tags } : {}),
    knowledgeBases: [...template.knowledgeBases],
    sampleDataset: template.evalFile !== undefined,
  };
}

/** The template's id, or `<id>-2`, `<id>-3` … when flows hold it already. */
async function freeFlowId(ctx: ServerContext, wanted: string): Promise<string> {
  const taken = new Set((await ctx.storage.flows.list()).map((flow) => flow.id));
  if (!taken.has(wanted)) return wanted;
  for (let n = 2; ; n++) if (!taken.has(`${wanted}-${n}`)) return `${wanted}-${n}`;
}

/**
 * Adds the template's sample files to each knowledge base it reads, creating the base when needed.
 * Files the base already holds are left alone, so creating the same template twice adds nothing.
 */
async function fillKnowledgeBases(ctx: ServerContext, template: FlowTemplate) {
  const { knowledge } = ctx;
  if (!knowledge || !template.dataDir || !template.knowledgeBases.length) return [];
  const dataDir = template.dataDir;
  const files = (await readdir(dataDir, { withFileTypes: true })).filter((entry) => entry.isFile()).map((e) => e.name);
  const filled = [];
  for (const name of template.knowledgeBases) {
    const { base } = await knowledge.ensure(name, {});
    const held = new Set((await base.documents()).map((document) => document.name));
    const added: string[] = [];
    for (const file of files.sort()) {
      if (held.has(file)) continue;
      await base.add(file, await readFile(join(dataDir, file)));
      added.push(file);
    }
    if (added.length) await base.flush();
    filled.push({ name, added, present: files.filter((file) => held.has(file)) });
  }
  return filled;
}

export function addTemplateRoutes(api: ApiTable, ctx: ServerContext): void {
  api.add({
    method: 'get',
    path: '/api/templates',
    tag: 'templates',
    access: 'admin',
    summary: 'The ready-made flows this installation ships, named in English and Chinese',
    response: z.array(TemplateSummarySchema),
    handler: async () => (await listTemplates()).map(summaryOf),
  });
  api.add({
    method: 'post',
    path: '/api/templates/:id/flows',
    tag: 'templates',
    access: 'admin',
    status: 201,
    summary: 'Create a flow from a template, with its sample knowledge base (documents added once) and sample dataset',
    body: z.object({ name: z.string().min(1).max(200).optional() }),
    response: CreatedFlowSchema,
    handler: async ({ params, body, res }) => {
      const template = await readTemplate(params.id ?? '');
      if (!template) throw notFoundError(`Template "${params.id}"`);
      const flowId = await freeFlowId(ctx, String(template.flow.id ?? template.name));
      const { document, problems } = readFlowDocument(
        { ...template.flow, id: flowId, ...(body.name ? { name: body.name } : {}) },
        ctx.catalogue,
      );
      const knowledgeBases = await fillKnowledgeBases(ctx, template);
      const saved = await ctx.storage.flows.create(document, Date.now());
      const dataset = template.evalFile ? await sampleDataset(ctx, template.evalFile, saved.id, saved.name) : undefined;
      res.setHeader('ETag', `"${saved.revision}"`);
      return {
        document: saved.document,
        revision: saved.revision,
        problems,
        knowledgeBases,
        ...(dataset ? { dataset } : {}),
      };
    },
  });
}

/** The template's `eval.jsonl` as a dataset of the new flow. */
async function sampleDataset(ctx: ServerContext, file: string, flowId: string, flowName: string) {
  const parsed = parseJsonl(await readFile(file, 'utf8'));
  if (!parsed.ok) {
    ctx.log(`the sample dataset ${file} has problems: ${parsed.problems.join(' ')}`);
    return undefined;
  }
  const now = Date.now();
  const stored = await ctx.storage.datasets.put({
    id: randomUUID(),
    name: `${flowName}: sample cases`,
    flowId,
    items: itemsForStorage(parsed.items),
    createdAt: now,
    updatedAt: now,
  });
  return { id: stored.id, name: stored.name, itemCount: stored.items.length };
}
