import { type Block, collapseWhitespace, type ParsedDocument } from './parsed-document.js';

/** Plain text: paragraphs are separated by blank lines; line breaks inside a paragraph are kept. */
export function parseText(text: string): ParsedDocument {
  const blocks: Block[] = [];
  for (const paragraph of normaliseNewlines(text).split(/\n[ \t]*\n+/)) {
    const lines = paragraph
      .split('\n')
      .map((line) => collapseWhitespace(line))
      .filter((line) => line.length > 0);
    if (lines.length > 0) blocks.push({ kind: 'paragraph', text: lines.join('\n'), headingPath: [] });
  }
  return { format: 'text', blocks, metadata: {} };
}

export function normaliseNewlines(text: string): string {
  return text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
}
