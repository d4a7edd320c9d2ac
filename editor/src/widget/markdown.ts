import { appendInline } from './markdown-inline.js';

/**
 * Block Markdown for chat answers: paragraphs, headings, fenced code, lists (nested by indent),
 * block quotes, rules and pipe tables. Like the inline part it only creates text nodes and the
 * elements named in this file, so rendering is safe however hostile the answer. It is re-run on
 * the whole text as deltas arrive, so an unclosed fence or list simply renders as far as it got.
 */

const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const HEADING = /^ {0,3}(#{1,6})\s+(.*?)(?:\s+#+)?\s*$/;
const RULE = /^ {0,3}([-*_])(?:\s*\1){2,}\s*$/;
const QUOTE = /^ {0,3}> ?/;
const ITEM = /^( *)([-*+]|\d{1,9}[.)])\s+(.*)$/;
const TABLE_RULE = /^\s*\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$/;
const MAX_DEPTH = 8;

interface Blocks {
  lines: string[];
  doc: Document;
  depth: number;
}

function startsBlock(line: string): boolean {
  return FENCE.test(line) || HEADING.test(line) || RULE.test(line) || QUOTE.test(line) || ITEM.test(line);
}

function cells(line: string): string[] {
  return line
    .trim()
    .replace(/^\|/, '')
    .replace(/(?<!\\)\|$/, '')
    .split(/(?<!\\)\|/)
    .map((cell) => cell.trim());
}

function readFence(b: Blocks, at: number, parent: Node): number {
  const open = FENCE.exec(b.lines[at] ?? '')?.[1] ?? '```';
  let end = at + 1;
  while (end < b.lines.length && !(b.lines[end] ?? '').trim().startsWith(open)) end++;
  const pre = b.doc.createElement('pre');
  const code = b.doc.createElement('code');
  code.textContent = b.lines.slice(at + 1, end).join('\n');
  pre.appendChild(code);
  parent.appendChild(pre);
  return end + 1;
}

function readQuote(b: Blocks, at: number, parent: Node): number {
  let end = at;
  while (end < b.lines.length && QUOTE.test(b.lines[end] ?? '')) end++;
  const quote = b.doc.createElement('blockquote');
  appendBlocks(
    quote,
    b.lines.slice(at, end).map((line) => line.replace(QUOTE, '')),
    b.doc,
    b.depth + 1,
  );
  parent.appendChild(quote);
  return end;
}

function readList(b: Blocks, at: number, parent: Node): number {
  const first = ITEM.exec(b.lines[at] ?? '');
  const indent = first?.[1]?.length ?? 0;
  const ordered = /\d/.test(first?.[2] ?? '');
  const list = b.doc.createElement(ordered ? 'ol' : 'ul');
  const start = Number.parseInt(first?.[2] ?? '1', 10);
  if (ordered && start > 1) (list as HTMLOListElement).start = start;
  let i = at;
  while (i < b.lines.length) {
    const item = ITEM.exec(b.lines[i] ?? '');
    if (!item || (item[1]?.length ?? 0) !== indent || /\d/.test(item[2] ?? '') !== ordered) break;
    const body = [item[3] ?? ''];
    i++;
    // Lines indented past the marker (or lazy continuation text) belong to this item.
    while (i < b.lines.length) {
      const line = b.lines[i] ?? '';
      const deeper = line.length - line.trimStart().length > indent;
      if (line.trim() === '' || (!deeper && (startsBlock(line) || ITEM.test(line)))) break;
      body.push(deeper ? line.slice(Math.min(indent + 2, line.length - line.trimStart().length)) : line);
      i++;
    }
    const li = b.doc.createElement('li');
    appendBlocks(li, body, b.doc, b.depth + 1);
    // Items hold no blank lines, so they are tight: text sits directly in the item, not in a paragraph.
    for (const child of [...li.childNodes])
      if (child.nodeName === 'P') (child as Element).replaceWith(...child.childNodes);
    list.appendChild(li);
    if ((b.lines[i] ?? '').trim() === '' && ITEM.test(b.lines[i + 1] ?? '')) i++;
  }
  parent.appendChild(list);
  return i;
}

function readTable(b: Blocks, at: number, parent: Node): number {
  const table = b.doc.createElement('table');
  const head = b.doc.createElement('thead');
  const body = b.doc.createElement('tbody');
  const row = (line: string, cellTag: 'th' | 'td', into: HTMLElement): void => {
    const tr = b.doc.createElement('tr');
    for (const cell of cells(line)) {
      const element = b.doc.createElement(cellTag);
      appendInline(element, cell, b.doc);
      tr.appendChild(element);
    }
    into.appendChild(tr);
  };
  row(b.lines[at] ?? '', 'th', head);
  let i = at + 2;
  while (i < b.lines.length && (b.lines[i] ?? '').includes('|') && (b.lines[i] ?? '').trim()) {
    row(b.lines[i] ?? '', 'td', body);
    i++;
  }
  table.append(head, body);
  // Wide tables scroll inside the bubble instead of stretching it.
  const scroller = b.doc.createElement('div');
  scroller.className = 'table';
  scroller.appendChild(table);
  parent.appendChild(scroller);
  return i;
}

function readParagraph(b: Blocks, at: number, parent: Node): number {
  let end = at + 1;
  while (end < b.lines.length) {
    const line = b.lines[end] ?? '';
    if (line.trim() === '' || startsBlock(line) || TABLE_RULE.test(b.lines[end + 1] ?? '')) break;
    end++;
  }
  const p = b.doc.createElement('p');
  appendInline(
    p,
    b.lines
      .slice(at, end)
      .map((line) => line.trim())
      .join('\n'),
    b.doc,
  );
  parent.appendChild(p);
  return end;
}

function readBlock(b: Blocks, at: number, parent: Node): number {
  const line = b.lines[at] ?? '';
  if (line.trim() === '') return at + 1;
  if (FENCE.test(line)) return readFence(b, at, parent);
  const heading = HEADING.exec(line);
  if (heading) {
    // Answers live in a small bubble: `#` maps to h3 and deeper levels stay within h3–h5.
    const level = Math.min(5, 2 + (heading[1]?.length ?? 1));
    const element = b.doc.createElement(`h${level}`);
    appendInline(element, heading[2] ?? '', b.doc);
    parent.appendChild(element);
    return at + 1;
  }
  if (RULE.test(line)) {
    parent.appendChild(b.doc.createElement('hr'));
    return at + 1;
  }
  if (QUOTE.test(line)) return readQuote(b, at, parent);
  if (ITEM.test(line)) return readList(b, at, parent);
  if (line.includes('|') && TABLE_RULE.test(b.lines[at + 1] ?? '')) return readTable(b, at, parent);
  return readParagraph(b, at, parent);
}

function appendBlocks(parent: Node, lines: string[], doc: Document, depth: number): void {
  if (depth > MAX_DEPTH) {
    parent.appendChild(doc.createTextNode(lines.join('\n')));
    return;
  }
  const blocks: Blocks = { lines, doc, depth };
  let i = 0;
  while (i < lines.length) i = readBlock(blocks, i, parent);
}

/** Renders Markdown `source` into a fragment of safe DOM nodes owned by `doc`. */
export function renderMarkdown(source: string, doc: Document): DocumentFragment {
  const fragment = doc.createDocumentFragment();
  appendBlocks(fragment, source.replace(/\r\n?/g, '\n').split('\n'), doc, 0);
  return fragment;
}
