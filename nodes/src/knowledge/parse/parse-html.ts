import type { ChildNode, Element } from 'domhandler';
import { textContent } from 'domutils';
import { parseDocument } from 'htmlparser2';
import { type Block, collapseWhitespace, HeadingTrail, type ParsedDocument, tableRowText } from './parsed-document.js';

const SKIPPED = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'svg',
  'iframe',
  'object',
  'head',
  'button',
  'select',
  'nav',
]);
const HEADINGS: Record<string, number> = { h1: 1, h2: 2, h3: 3, h4: 4, h5: 5, h6: 6 };
const BLOCKS = new Set([
  'p',
  'div',
  'section',
  'article',
  'main',
  'header',
  'footer',
  'aside',
  'nav',
  'blockquote',
  'figure',
  'figcaption',
  'dd',
  'dt',
  'dl',
  'ul',
  'ol',
  'form',
  'fieldset',
  'address',
  'details',
  'summary',
  'body',
  'html',
]);

/** HTML through htmlparser2 (a real, forgiving parser): headings, paragraphs, lists, tables, code. */
export function parseHtml(html: string, format: 'html' | 'docx' = 'html'): ParsedDocument {
  const dom = parseDocument(html, { decodeEntities: true });
  const walker = new HtmlWalker();
  walker.walk(dom.children);
  walker.flush();
  const titleNode = findFirst(dom.children, 'title');
  const title = titleNode ? collapseWhitespace(textContent(titleNode)) : '';
  return { format, blocks: walker.blocks, metadata: title ? { title } : {} };
}

class HtmlWalker {
  readonly blocks: Block[] = [];
  readonly #trail = new HeadingTrail();
  #inline = '';

  walk(nodes: readonly ChildNode[]): void {
    for (const node of nodes) {
      if (node.type === 'text') this.#inline += node.data;
      else if (node.type === 'tag' || node.type === 'script' || node.type === 'style') this.#element(node);
      else if (node.type === 'root' || node.type === 'cdata') this.walk(node.children);
    }
  }

  flush(kind: Block['kind'] = 'paragraph'): void {
    const text = this.#inline
      .split('\n')
      .map((line) => collapseWhitespace(line))
      .filter((line) => line)
      .join('\n');
    this.#inline = '';
    if (text) this.blocks.push({ kind, text, headingPath: this.#trail.path });
  }

  #element(element: Element): void {
    const name = element.name.toLowerCase();
    if (SKIPPED.has(name)) return;
    const level = HEADINGS[name];
    if (level !== undefined) {
      this.flush();
      this.#trail.enter(level, textContent(element));
    } else if (name === 'br') this.#inline += '\n';
    else if (name === 'table') {
      this.flush();
      this.#table(element);
    } else if (name === 'pre') {
      this.flush();
      this.#inline = textContent(element).trim();
      if (this.#inline) this.blocks.push({ kind: 'code', text: this.#inline, headingPath: this.#trail.path });
      this.#inline = '';
    } else if (name === 'li') {
      this.flush();
      this.walk(element.children);
      this.flush('list-item');
    } else if (BLOCKS.has(name)) {
      this.flush();
      this.walk(element.children);
      this.flush();
    } else this.walk(element.children);
  }

  #table(table: Element): void {
    const rows = collectRows(table);
    const first = rows[0];
    if (!first) return;
    // Word tables (through mammoth) and many web tables mark no header cells: a first row of labels
    // (no numbers) above further rows is taken as the header.
    const labels = first.cells.map((cell) => collapseWhitespace(textContent(cell)));
    const hasHeader =
      first.cells.some((cell) => cell.name === 'th') ||
      (rows.length > 1 && labels.every((label) => label && !/\d/.test(label)));
    const header = hasHeader ? labels : [];
    for (const row of hasHeader ? rows.slice(1) : rows) {
      const text = tableRowText(
        header,
        row.cells.map((cell) => textContent(cell)),
      );
      if (text) this.blocks.push({ kind: 'table-row', text, headingPath: this.#trail.path });
    }
  }
}

function collectRows(node: Element): Array<{ cells: Element[] }> {
  const rows: Array<{ cells: Element[] }> = [];
  for (const child of node.children) {
    if (child.type !== 'tag') continue;
    if (child.name === 'tr') {
      rows.push({ cells: child.children.filter((c): c is Element => c.type === 'tag' && /^t[hd]$/.test(c.name)) });
    } else if (child.name !== 'table') rows.push(...collectRows(child));
  }
  return rows;
}

function findFirst(nodes: readonly ChildNode[], name: string): Element | undefined {
  for (const node of nodes) {
    if (node.type !== 'tag' && node.type !== 'root') continue;
    if (node.type === 'tag' && node.name === name) return node;
    const found = findFirst(node.children, name);
    if (found) return found;
  }
  return undefined;
}
