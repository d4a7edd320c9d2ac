import { z } from 'zod';
import { apiKeyOf, assertKeyMayRun } from '../../auth/api-key-auth.js';
import type { ApiTable } from '../../http/api-table.js';
import type { ServerContext } from '../../server-context.js';
import { readWidgetSettings, WidgetSettingsSchema } from './widget-settings.js';

/** What the widget shows; governance settings (limits, the identity credential) stay on the server. */
export const WidgetConfigSchema = WidgetSettingsSchema.pick({
  greeting: true,
  placeholder: true,
  avatar: true,
  lang: true,
  appearance: true,
}).extend({
  flowId: z.string(),
  /** The widget's title: `settings.widget.title`, else the flow's name. */
  title: z.string(),
  suggestedQuestions: z.array(z.string()),
  theme: z.record(z.string(), z.string()),
  position: z.enum(['bottom-right', 'bottom-left']),
  /** The host page must pass a signed user token, or the flow refuses to answer. */
  identityRequired: z.boolean(),
});
export type WidgetConfig = z.output<typeof WidgetConfigSchema>;

export function addWidgetConfigRoutes(api: ApiTable, ctx: ServerContext): void {
  api.add({
    method: 'get',
    path: '/v1/widget/:flowId/config',
    tag: 'published',
    access: 'api-key',
    summary:
      "The chat widget's settings of a published flow: title, greeting, suggested questions, theme, avatar, position",
    response: WidgetConfigSchema,
    extraResponses: { '403': 'The key belongs to another flow or origin', '409': 'The flow is not published' },
    handler: async ({ params, res }) => {
      const flowId = params.flowId ?? '';
      assertKeyMayRun(apiKeyOf(res), flowId);
      const { document } = await ctx.resolver.resolve(flowId, 'published');
      const { settings } = readWidgetSettings(document);
      // Published versions never change, so a short private cache costs nothing in freshness of
      // the answer and spares a request on every page view.
      res.setHeader('Cache-Control', 'private, max-age=60');
      const config: WidgetConfig = {
        flowId,
        title: settings.title ?? document.name,
        suggestedQuestions: settings.suggestedQuestions ?? [],
        theme: Object.fromEntries(
          Object.entries(settings.theme ?? {}).filter((entry): entry is [string, string] => !!entry[1]),
        ),
        position: settings.position ?? 'bottom-right',
        identityRequired: settings.identity?.required ?? false,
        ...(settings.greeting ? { greeting: settings.greeting } : {}),
        ...(settings.placeholder ? { placeholder: settings.placeholder } : {}),
        ...(settings.avatar ? { avatar: settings.avatar } : {}),
        ...(settings.lang ? { lang: settings.lang } : {}),
        ...(settings.appearance ? { appearance: settings.appearance } : {}),
      };
      return config;
    },
  });
}
