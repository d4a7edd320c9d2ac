import { z } from 'zod';
import { request } from './client.js';

const LocalizedSchema = z.object({ en: z.string(), zh: z.string() });

/** A ready-made flow the server ships (`templates/<id>/flow.json`). */
export const TemplateSchema = z
  .object({
    id: z.string(),
    name: LocalizedSchema,
    description: LocalizedSchema,
    tags: z.array(z.string()).optional(),
  })
  .loose();
export type FlowTemplate = z.output<typeof TemplateSchema>;

/** The created flow: the saved document (its id may differ from the template's when that one is taken). */
const CreatedFlowSchema = z
  .object({ document: z.object({ id: z.string() }).loose().optional(), id: z.string().optional() })
  .loose()
  .transform((created, context) => {
    const flowId = created.document?.id ?? created.id;
    if (flowId === undefined) {
      context.addIssue({ code: 'custom', message: 'the created flow has no id' });
      return z.NEVER;
    }
    return { flowId };
  });

export const templatesApi = {
  list: () => request(z.array(TemplateSchema), '/api/templates'),
  createFlow: (templateId: string, name?: string) =>
    request(CreatedFlowSchema, `/api/templates/${encodeURIComponent(templateId)}/flows`, {
      method: 'POST',
      body: name ? { name } : {},
    }),
};
