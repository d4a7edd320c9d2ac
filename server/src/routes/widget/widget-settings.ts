import type { FlowDocument } from '@tailor/runtime';
import { z } from 'zod';

/**
 * A CSS value that cannot leave its declaration or fetch anything: a hex colour, one colour
 * function without nesting, or plain words (names, lengths, font families). The widget checks
 * the same again, since it also takes colours from the page.
 */
const CssValueSchema = z
  .string()
  .max(200)
  .regex(
    /^(#[0-9a-f]{3,8}|(rgb|rgba|hsl|hsla|oklch|oklab|lab|lch)\([^;{}()]*\)|[a-z0-9 .,%"'-]+)$/i,
    'a colour (#0f766e, rgb(…)), a length (12px) or a font name',
  );

const AvatarSchema = z
  .string()
  .max(100_000)
  .regex(
    /^(https?:\/\/\S+|\/\S*|data:image\/(png|jpeg|gif|webp);base64,[a-z0-9+/=]+)$/i,
    'an http(s) address, a path on this server, or a PNG/JPEG/GIF/WebP data URL',
  );

/** Limits on the published flow's browser use; the server-wide key and address limits apply too. */
export const WidgetRateLimitSchema = z.object({
  /** Questions a minute through one widget key, from all visitors together. */
  perKeyPerMinute: z.number().int().min(1).max(1_000_000).optional(),
  /** Questions a minute from one visitor (the signed user id, else the address). */
  perUserPerMinute: z.number().int().min(1).max(10_000).default(20),
});

/**
 * The signed end-user identity: the host page's own server signs `{ sub, name?, email?, exp }`
 * with HS256 and a secret shared with Tailor, kept as the `apiKey` of a stored credential.
 */
export const WidgetIdentitySchema = z.object({
  credential: z.string().min(1),
  /** Refuse visitors without a valid token (a widget for signed-in customers only). */
  required: z.boolean().default(false),
});

/** `settings.widget` of a flow document: what the chat widget shows and how it is governed. */
export const WidgetSettingsSchema = z.object({
  title: z.string().max(100).optional(),
  greeting: z.string().max(2_000).optional(),
  placeholder: z.string().max(100).optional(),
  suggestedQuestions: z.array(z.string().min(1).max(200)).max(6).optional(),
  avatar: AvatarSchema.optional(),
  position: z.enum(['bottom-right', 'bottom-left']).optional(),
  /** Light (default), dark, or following the visitor's system setting. */
  appearance: z.enum(['light', 'dark', 'auto']).optional(),
  lang: z.enum(['en', 'zh']).optional(),
  theme: z
    .object({
      primary: CssValueSchema.optional(),
      onPrimary: CssValueSchema.optional(),
      background: CssValueSchema.optional(),
      surface: CssValueSchema.optional(),
      text: CssValueSchema.optional(),
      radius: CssValueSchema.optional(),
      font: CssValueSchema.optional(),
    })
    .optional(),
  rateLimit: WidgetRateLimitSchema.default({ perUserPerMinute: 20 }),
  identity: WidgetIdentitySchema.optional(),
});
export type WidgetSettings = z.output<typeof WidgetSettingsSchema>;

export interface ReadSettings {
  settings: WidgetSettings;
  /** What was wrong and ignored, for the server log (an analyst's typo must not take the widget down). */
  problems: string[];
}

/**
 * The widget settings of a flow. A field that does not fit is left out with a problem rather than
 * failing the whole widget; everything else still applies.
 */
export function readWidgetSettings(document: FlowDocument): ReadSettings {
  const raw = document.settings?.widget;
  const source = typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? (raw as Record<string, unknown>) : {};
  const parsed = WidgetSettingsSchema.safeParse(source);
  if (parsed.success) return { settings: parsed.data, problems: [] };
  const bad = new Set(parsed.error.issues.map((issue) => String(issue.path[0])));
  const problems = parsed.error.issues.map(
    (issue) => `flow "${document.id}": settings.widget.${issue.path.join('.')}: ${issue.message}`,
  );
  const kept = Object.fromEntries(Object.entries(source).filter(([name]) => !bad.has(name)));
  return { settings: WidgetSettingsSchema.parse(kept), problems };
}
