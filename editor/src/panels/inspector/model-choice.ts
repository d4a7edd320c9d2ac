import type { JsonSchema } from '../../api/json-schema.js';
import type { ModelKind, ProviderInfo, ProviderModels } from '../../api/providers.js';

/**
 * The pure part of the model picker: which object of a config is a model choice, what kind of
 * model it wants, and which providers and models to offer in which order.
 */

/** An object with `provider` and `model` string fields is a model choice (a node's config, `rerank`, `embedding`). */
export function isModelChoice(schema: JsonSchema): boolean {
  const properties = schema.properties ?? {};
  return isStringField(properties.provider) && isStringField(properties.model);
}

function isStringField(schema: JsonSchema | undefined): boolean {
  if (!schema) return false;
  const types = Array.isArray(schema.type) ? schema.type : [schema.type];
  return types.includes('string') || (schema.anyOf ?? []).some((option) => option.type === 'string');
}

/** What the object at `path` picks: a reranker under `rerank`, an embedding model under `embedding`, else chat. */
export function modelKindAt(path: string): ModelKind {
  const last = path.split('.').at(-1) ?? '';
  if (/rerank/i.test(last)) return 'rerank';
  if (/embed/i.test(last)) return 'embedding';
  return 'chat';
}

export interface ProviderOption {
  id: string;
  label: string;
  configured: boolean;
}

/**
 * Providers that offer this kind of model, configured ones first (then by label). A provider the
 * flow names but this server does not know stays in the list, so opening a flow never loses it.
 */
export function providerOptions(
  providers: readonly ProviderInfo[],
  kind: ModelKind,
  current: string | undefined,
): { configured: ProviderOption[]; other: ProviderOption[] } {
  const fitting = providers
    .filter((provider) => provider.kinds.includes(kind))
    .map(({ id, label, configured }) => ({ id, label, configured }))
    .sort((a, b) => a.label.localeCompare(b.label));
  if (current && !providers.some((provider) => provider.id === current)) {
    fitting.unshift({ id: current, label: current, configured: false });
  }
  return { configured: fitting.filter((p) => p.configured), other: fitting.filter((p) => !p.configured) };
}

/**
 * The models to offer: the provider's own list first (those of this kind, and those it does not
 * label, since OpenAI-compatible lists say nothing of kinds), then the shipped suggestions, no
 * duplicates. Anything else can still be typed.
 */
export function modelOptions(
  provider: ProviderInfo | undefined,
  listed: ProviderModels | undefined,
  kind: ModelKind,
): string[] {
  const live = (listed?.models ?? []).filter((model) => model.kind === undefined || model.kind === kind);
  const suggested = provider?.suggested[kind] ?? [];
  return [...new Set([...live.map((model) => model.id), ...suggested])];
}

/** Whether a typed model is one the provider's own list lacks (worth a hint, never an error). */
export function isUnlisted(model: string | undefined, listed: ProviderModels | undefined): boolean {
  return !!listed?.live && !!model && !listed.models.some((listedModel) => listedModel.id === model);
}

/** The fields the picker owns; the form shows the rest (credential, temperature…) as usual. */
export const MODEL_CHOICE_FIELDS: readonly string[] = ['provider', 'model'];
