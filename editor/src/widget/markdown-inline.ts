import { safeLinkUrl } from './safe-url.js';

/**
 * Inline Markdown (code spans, strong, emphasis, strikethrough, links, autolinks, hard breaks)
 * turned into DOM nodes. Safety comes from construction, not from filtering: only text nodes and
 * the elements named here are ever created, no attribute but a checked `href` is ever set, and the
 * source is never parsed as HTML — so `<img src=x onerror=…>` in an answer stays visible text.
 * Images become plain links: an image the model names would load from any host (a known way to
 * leak a conversation through its URL).
 */

const DELIMITED: ReadonlyArray<{ mark: string; tag: 'strong' | 'em' | 'del' }> = [
  { mark: '**', tag: 'strong' },
  { mark: '__', tag: 'strong' },
  { mark: '~~', tag: 'del' },
  { mark: '*', tag: 'em' },
  { mark: '_', tag: 'em' },
];

const AUTOLINK = /^https?:\/\/[^\s<>"]*[^\s<>".,:;'!?)\]}]/;
const ESCAPABLE = '\\`*_{}[]()#+-.!|~<>';
const MAX_DEPTH = 6;

type Emit = (node: Node) => void;

interface Scan {
  text: string;
  doc: Document;
  depth: number;
}

function isWordChar(char: string | undefined): boolean {
  return char !== undefined && /[\p{L}\p{N}]/u.test(char);
}

/** `[label](url "title")` starting at `at`: the label, url and where the link ends. */
function readLink(text: string, at: number): { label: string; url: string; end: number } | undefined {
  let depth = 0;
  let close = -1;
  for (let i = at + 1; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === '[') depth++;
    else if (text[i] === ']' && depth-- === 0) {
      close = i;
      break;
    }
  }
  if (close < 0 || text[close + 1] !== '(') return undefined;
  // URLs may hold balanced parentheses (Wikipedia links do).
  let end = -1;
  for (let i = close + 2, open = 0; i < text.length && end < 0; i++) {
    if (text[i] === '(') open++;
    else if (text[i] === ')' && open-- === 0) end = i;
  }
  if (end < 0) return undefined;
  const target = text.slice(close + 2, end).trim();
  const url = target.replace(/\s+("[^"]*"|'[^']*')$/, '').replace(/^<(.*)>$/, '$1');
  return { label: text.slice(at + 1, close), url, end: end + 1 };
}

function link(scan: Scan, url: string | undefined, label: string, emit: Emit, literal = false): void {
  if (!url) {
    emit(scan.doc.createTextNode(label));
    return;
  }
  const anchor = scan.doc.createElement('a');
  anchor.href = url;
  anchor.target = '_blank';
  anchor.rel = 'noopener noreferrer nofollow';
  anchor.referrerPolicy = 'no-referrer';
  if (literal) anchor.textContent = label;
  else appendInline(anchor, label, scan.doc, scan.depth + 1);
  emit(anchor);
}

/** Tries every construct that starts at `i`; the index after it, or -1 when none applies. */
function readConstruct(scan: Scan, i: number, emit: Emit): number {
  const { text, doc } = scan;
  const char = text[i];
  if (char === '\\' && ESCAPABLE.includes(text[i + 1] ?? ' ')) {
    emit(doc.createTextNode(text[i + 1] ?? ''));
    return i + 2;
  }
  if (char === '\n') {
    emit(doc.createElement('br'));
    return i + 1;
  }
  if (char === '`') {
    const run = /^`+/.exec(text.slice(i))?.[0] ?? '`';
    const close = text.indexOf(run, i + run.length);
    if (close < 0) return -1;
    const code = doc.createElement('code');
    code.textContent = text.slice(i + run.length, close).replace(/^ (.+) $/, '$1');
    emit(code);
    return close + run.length;
  }
  const image = char === '!' && text[i + 1] === '[';
  if (char === '[' || image) {
    const found = readLink(text, image ? i + 1 : i);
    if (!found) return -1;
    link(scan, safeLinkUrl(found.url), found.label || found.url, emit);
    return found.end;
  }
  if (char === 'h' && !isWordChar(text[i - 1])) {
    const url = AUTOLINK.exec(text.slice(i))?.[0];
    if (!url) return -1;
    link(scan, safeLinkUrl(url), url, emit, true);
    return i + url.length;
  }
  if (char === '<') {
    const auto = /^<((?:https?:\/\/|mailto:)[^\s<>]+)>/.exec(text.slice(i));
    if (!auto?.[1]) return -1;
    link(scan, safeLinkUrl(auto[1]), auto[1], emit, true);
    return i + auto[0].length;
  }
  return readDelimited(scan, i, emit);
}

function readDelimited(scan: Scan, i: number, emit: Emit): number {
  const { text, doc } = scan;
  for (const { mark, tag } of DELIMITED) {
    if (!text.startsWith(mark, i)) continue;
    const inner = i + mark.length;
    // An opener is followed by non-space; `_` must also not sit inside a word (snake_case stays text).
    if (/\s/.test(text[inner] ?? ' ') || (mark[0] === '_' && isWordChar(text[i - 1]))) continue;
    let close = text.indexOf(mark, inner + 1);
    while (
      close > 0 &&
      (/\s/.test(text[close - 1] ?? ' ') || (mark === '*' && (text[close + 1] === '*' || text[close - 1] === '*')))
    ) {
      close = text.indexOf(mark, close + 1);
    }
    if (close < 0 || (mark[0] === '_' && isWordChar(text[close + mark.length]))) continue;
    const element = doc.createElement(tag);
    appendInline(element, text.slice(inner, close), doc, scan.depth + 1);
    emit(element);
    return close + mark.length;
  }
  return -1;
}

/** Appends the inline Markdown `text` to `parent` as safe DOM nodes. */
export function appendInline(parent: Node, text: string, doc: Document, depth = 0): void {
  if (depth > MAX_DEPTH) {
    parent.appendChild(doc.createTextNode(text));
    return;
  }
  const scan: Scan = { text, doc, depth };
  let plain = '';
  const emit: Emit = (node) => {
    if (plain) parent.appendChild(doc.createTextNode(plain));
    plain = '';
    parent.appendChild(node);
  };
  let i = 0;
  while (i < text.length) {
    const next = '\\\n`[!h<*_~'.includes(text[i] ?? '') ? readConstruct(scan, i, emit) : -1;
    if (next > i) {
      i = next;
    } else {
      plain += text[i];
      i++;
    }
  }
  if (plain) parent.appendChild(doc.createTextNode(plain));
}
