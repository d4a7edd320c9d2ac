import { marked, type Token, type Tokens } from 'marked';
import { normaliseNewlines } from './parse-text.js';
import { type Block, collapseWhitespace, HeadingTrail, type ParsedDocument, tableRowText } from './parsed-document.js';

/** Markdown (CommonMark + GFM tables) through marked's lexer: headings build the heading path. */
export function parseMarkdown(source: string): ParsedDocument {
  const trail = new HeadingTrail();
  const blocks: Block[] = [];
  const { body, title } = stripFrontMatter(normaliseNewlines(source));
  walk(marked.lexer(body, { gfm: true }), trail, blocks);
  return { format: 'markdown', blocks, metadata: title ? { title } : {} };
}

function walk(tokens: readonly Token[], trail: HeadingTrail, blocks: Block[]): void {
  for (const token of tokens) {
    const push = (kind: Block['kind'], text: string) => {
      const clean = text.trim();
      if (clean) blocks.push({ kind, text: clean, headingPath: trail.path });
    };
    switch (token.type) {
      case 'heading':
        trail.enter((token as Tokens.Heading).depth, inlineText((token as Tokens.Heading).tokens));
        break;
      case 'paragraph':
      case 'text':
        push('paragraph', inlineText((token as Tokens.Paragraph).tokens ?? []) || (token as Tokens.Text).text);
        break;
      case 'list':
        for (const item of (token as Tokens.List).items) push('list-item', listItemText(item));
        break;
      case 'table': {
        const table = token as Tokens.Table;
        const header = table.header.map((cell) => inlineText(cell.tokens));
        for (const row of table.rows)
          push(
            'table-row',
            tableRowText(
              header,
              row.map((cell) => inlineText(cell.tokens)),
            ),
          );
        break;
      }
      case 'code':
        push('code', (token as Tokens.Code).text);
        break;
      case 'blockquote':
        walk((token as Tokens.Blockquote).tokens, trail, blocks);
        break;
      case 'html':
        push('paragraph', (token as Tokens.HTML).text.replace(/<[^>]*>/g, ' '));
        break;
      default:
        break;
    }
  }
}

function listItemText(item: Tokens.ListItem): string {
  const parts: string[] = [];
  for (const child of item.tokens) {
    if (child.type === 'list') parts.push(...(child as Tokens.List).items.map((sub) => `- ${listItemText(sub)}`));
    else if ('tokens' in child && Array.isArray(child.tokens)) parts.push(inlineText(child.tokens));
    else if ('text' in child && typeof child.text === 'string') parts.push(child.text);
  }
  return parts.filter((p) => p.trim()).join('\n');
}

/** Inline markdown to plain text: emphasis dropped, links keep their text, images their alt text. */
export function inlineText(tokens: readonly Token[]): string {
  let out = '';
  for (const token of tokens) {
    if (token.type === 'br') out += '\n';
    else if (token.type === 'image') out += (token as Tokens.Image).text;
    else if (token.type === 'html') out += '';
    else if ('tokens' in token && Array.isArray(token.tokens) && token.tokens.length > 0)
      out += inlineText(token.tokens);
    else if ('text' in token && typeof token.text === 'string') out += decodeEntities(token.text);
  }
  return out
    .split('\n')
    .map((line) => collapseWhitespace(line))
    .join('\n');
}

function decodeEntities(text: string): string {
  return text
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/** YAML front matter is metadata, not content; its `title` becomes the document title. */
function stripFrontMatter(text: string): { body: string; title?: string } {
  const match = /^---\n([\s\S]*?)\n---\n/.exec(text);
  if (!match) return { body: text };
  const title = /^title:\s*["']?(.+?)["']?\s*$/m.exec(match[1] ?? '')?.[1];
  return title ? { body: text.slice(match[0].length), title } : { body: text.slice(match[0].length) };
}
