import { access, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

/** The ready-made flows shipped with Tailor: `templates/<name>/flow.json` at the repository root. */
export const defaultTemplatesDir = fileURLToPath(new URL('../../../templates/', import.meta.url));

const TemplateFlowSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    description: z.string().optional(),
    nodes: z.array(z.object({ type: z.string(), config: z.record(z.string(), z.unknown()).optional() }).loose()),
  })
  .loose();

export interface FlowTemplate {
  /** The folder name, what `tailor new <name>` takes. */
  readonly name: string;
  readonly title: string;
  readonly description: string;
  /** The flow document as shipped (without the `$schema` hint, which points into this repository). */
  readonly flow: Record<string, unknown>;
  /** The folder of its sample data (knowledge-base files), when it ships one. */
  readonly dataDir?: string;
  /** Knowledge bases its retrieval nodes read. */
  readonly knowledgeBases: readonly string[];
  /** Name and description in English and Chinese (`template.json`; the flow's own when absent). */
  readonly labels: TemplateLabels;
  /** Its sample evaluation dataset (`eval.jsonl`), when it ships one. */
  readonly evalFile?: string;
}

const LocalizedSchema = z.object({ en: z.string().min(1), zh: z.string().min(1) });
const TemplateLabelsSchema = z.object({
  name: LocalizedSchema,
  description: LocalizedSchema,
  tags: z.array(z.string()).optional(),
});
export type TemplateLabels = z.output<typeof TemplateLabelsSchema>;

/** `template.json` beside the flow; a missing or unreadable one falls back to the flow's English text. */
async function readLabels(folder: string, name: string, description: string): Promise<TemplateLabels> {
  const fallback = { name: { en: name, zh: name }, description: { en: description, zh: description } };
  try {
    const parsed = TemplateLabelsSchema.safeParse(JSON.parse(await readFile(join(folder, 'template.json'), 'utf8')));
    return parsed.success ? parsed.data : fallback;
  } catch {
    return fallback;
  }
}

/** Every template of the folder, by name; a folder without a readable flow.json is not a template. */
export async function listTemplates(dir: string = defaultTemplatesDir): Promise<FlowTemplate[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const found = await Promise.all(
    entries.filter((entry) => entry.isDirectory()).map((entry) => readTemplate(entry.name, dir)),
  );
  return found.filter((template): template is FlowTemplate => template !== undefined);
}

/** One template by its folder name, or undefined when there is none. */
export async function readTemplate(name: string, dir: string = defaultTemplatesDir): Promise<FlowTemplate | undefined> {
  if (!/^[a-z0-9][a-z0-9-]*$/.test(name)) return undefined;
  const folder = join(dir, name);
  let text: string;
  try {
    text = await readFile(join(folder, 'flow.json'), 'utf8');
  } catch {
    return undefined;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return undefined;
  }
  const parsed = TemplateFlowSchema.safeParse(json);
  if (!parsed.success) return undefined;
  const { $schema: _hint, ...flow } = parsed.data as Record<string, unknown>;
  const hasData = await readdir(join(folder, 'data')).then(
    (files) => files.length > 0,
    () => false,
  );
  const hasEval = await access(join(folder, 'eval.jsonl')).then(
    () => true,
    () => false,
  );
  return {
    name,
    title: parsed.data.name,
    description: parsed.data.description ?? '',
    flow,
    ...(hasData ? { dataDir: join(folder, 'data') } : {}),
    knowledgeBases: knowledgeBasesOf(parsed.data.nodes),
    labels: await readLabels(folder, parsed.data.name, parsed.data.description ?? ''),
    ...(hasEval ? { evalFile: join(folder, 'eval.jsonl') } : {}),
  };
}

function knowledgeBasesOf(nodes: ReadonlyArray<{ type: string; config?: Record<string, unknown> }>): string[] {
  const names = nodes
    .filter((node) => node.type === 'retrieval')
    .flatMap((node) => {
      const base = node.config?.knowledgeBase;
      return typeof base === 'string' ? [base] : Array.isArray(base) ? base.map(String) : [];
    });
  return [...new Set(names)];
}
