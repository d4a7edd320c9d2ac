/** A place an answer was grounded in: a knowledge-base document, a web page. */
export interface Source {
  title: string;
  url?: string;
}

export interface Answer {
  text: string;
  sources: Source[];
}

type Bag = Record<string, unknown>;

function isBag(value: unknown): value is Bag {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() ? value.trim() : undefined;
}

function httpUrl(value: unknown): string | undefined {
  const raw = text(value);
  return raw && /^https?:\/\//i.test(raw) ? raw : undefined;
}

/** One source from the shapes nodes produce: retrieval hits, search results, plain strings. */
function toSource(item: unknown): Source | undefined {
  if (typeof item === 'string') return text(item) ? { title: item.trim() } : undefined;
  if (!isBag(item)) return undefined;
  const meta = isBag(item.metadata) ? item.metadata : {};
  const url = httpUrl(item.url) ?? httpUrl(item.link) ?? httpUrl(meta.url) ?? httpUrl(meta.source);
  const heading = Array.isArray(item.headingPath) ? item.headingPath.filter((h) => typeof h === 'string') : [];
  const name = text(item.title) ?? text(meta.title) ?? text(item.document) ?? text(item.source) ?? text(item.name);
  const title = [name, heading.at(-1)].filter(Boolean).join(' › ') || url;
  return title ? { title, ...(url ? { url } : {}) } : undefined;
}

/** Distinct sources, in order, at most `limit` of them. */
export function readSources(list: unknown, limit = 6): Source[] {
  if (!Array.isArray(list)) return [];
  const seen = new Set<string>();
  const sources: Source[] = [];
  for (const item of list) {
    const source = toSource(item);
    const key = source && (source.url ?? source.title);
    if (!source || !key || seen.has(key)) continue;
    seen.add(key);
    sources.push(source);
    if (sources.length === limit) break;
  }
  return sources;
}

/**
 * The chat convention: a flow's answer is its output string, or the output's `text` (`answer`,
 * `content` and `message` are accepted too); sources come from `sources`, or from the retrieval
 * node's `chunks`/`hits` or search `results` when the output passes them on.
 */
export function readAnswer(output: unknown): Answer {
  if (typeof output === 'string') return { text: output, sources: [] };
  if (!isBag(output))
    return { text: output === undefined || output === null ? '' : JSON.stringify(output), sources: [] };
  const body = [output.text, output.answer, output.content, output.message].find((v) => typeof v === 'string');
  const sources = readSources(output.sources ?? output.chunks ?? output.hits ?? output.results);
  return { text: typeof body === 'string' ? body : JSON.stringify(output, null, 2), sources };
}
