import { ERROR_PORT, type FlowNode } from '@tailor/runtime/contract';
import type { CatalogueEntry } from '../api/schemas.js';
import type { MessageKey, Translate } from '../i18n/i18n.js';

function namesOf(list: unknown, key: string): string[] | undefined {
  if (!Array.isArray(list)) return undefined;
  const names = list
    .map((item) => (typeof item === 'string' ? item : (item as Record<string, unknown> | null)?.[key]))
    .filter((name): name is string => typeof name === 'string' && name !== '');
  return names.length > 0 ? [...new Set(names)] : undefined;
}

/**
 * Config-dependent ports, read generically from the config's shape: a list of `cases` with a
 * `port` each (plus `else`), or a list of `classes` (strings or objects with a `name`). The
 * runtime's `portsFor` is code and does not cross the API, so the editor mirrors its convention.
 */
function portsFromConfig(config: Record<string, unknown>): string[] | undefined {
  const cases = namesOf(config.cases, 'port');
  if (cases) return [...cases, 'else'];
  return namesOf(config.classes, 'name') ?? namesOf(config.routes, 'port');
}

/** The output ports a node shows, one handle each; `error` is added when its error policy routes there. */
export function portsOfNode(
  entry: CatalogueEntry | undefined,
  node: FlowNode,
  wired: readonly string[] = [],
): string[] {
  const fromConfig = entry?.dynamicPorts !== false ? portsFromConfig(node.config) : undefined;
  const ports = fromConfig ?? entry?.ports ?? ['out'];
  const shown = node.onError === 'port' && !ports.includes(ERROR_PORT) ? [...ports, ERROR_PORT] : [...ports];
  // A port an edge already leaves by stays visible, so no edge ever hangs from nothing.
  for (const port of wired) if (!shown.includes(port)) shown.push(port);
  return shown;
}

/** Ports every flow knows get a translated label; class and case names are the analyst's own words. */
const KNOWN_PORTS: Record<string, MessageKey> = {
  pass: 'port.pass',
  block: 'port.block',
  error: 'port.error',
  else: 'port.else',
};

export function portLabel(port: string, t: Translate): string {
  const key = KNOWN_PORTS[port];
  return key ? t(key) : port;
}
