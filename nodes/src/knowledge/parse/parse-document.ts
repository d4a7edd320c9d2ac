import { extname } from 'node:path';
import { TailorError } from '@tailor/runtime';
import { parseHtml } from './parse-html.js';
import { parseMarkdown } from './parse-markdown.js';
import { parseCsv, parseJson } from './parse-records.js';
import { parseText } from './parse-text.js';
import type { ParsedDocument } from './parsed-document.js';

type Parser = (bytes: Uint8Array) => ParsedDocument | Promise<ParsedDocument>;

const PARSERS: Record<string, Parser> = {
  '.txt': (b) => parseText(decodeText(b)),
  '.text': (b) => parseText(decodeText(b)),
  '.log': (b) => parseText(decodeText(b)),
  '.md': (b) => parseMarkdown(decodeText(b)),
  '.markdown': (b) => parseMarkdown(decodeText(b)),
  '.mdx': (b) => parseMarkdown(decodeText(b)),
  '.html': (b) => parseHtml(decodeText(b)),
  '.htm': (b) => parseHtml(decodeText(b)),
  '.xhtml': (b) => parseHtml(decodeText(b)),
  // PDF.js and mammoth load only when a PDF or Word file comes (they cost a noticeable startup).
  '.pdf': async (b) => (await import('./parse-pdf.js')).parsePdf(b),
  '.docx': async (b) => (await import('./parse-docx.js')).parseDocx(b),
  '.csv': (b) => parseCsv(decodeText(b)),
  '.json': (b) => parseJson(decodeText(b)),
  '.jsonl': (b) => parseJson(decodeText(b), true),
  '.ndjson': (b) => parseJson(decodeText(b), true),
};

const ADVICE: Record<string, string> = {
  '.doc': 'old Word files (.doc) are not supported; save the file as .docx',
  '.xls': 'spreadsheets are not supported; export the sheet as CSV',
  '.xlsx': 'spreadsheets are not supported; export the sheet as CSV',
  '.pptx': 'presentations are not supported; export them as PDF',
};

export const SUPPORTED_EXTENSIONS: readonly string[] = Object.keys(PARSERS);

export function isSupported(fileName: string): boolean {
  return extname(fileName).toLowerCase() in PARSERS;
}

/** Parses a file by its extension; any failure becomes KNOWLEDGE_PARSE_FAILED naming the file and why. */
export async function parseDocument(fileName: string, bytes: Uint8Array): Promise<ParsedDocument> {
  const extension = extname(fileName).toLowerCase();
  const parser = PARSERS[extension];
  if (!parser) {
    const reason =
      ADVICE[extension] ??
      `unsupported format "${extension || 'no extension'}" (supported: ${SUPPORTED_EXTENSIONS.join(' ')})`;
    throw new TailorError('KNOWLEDGE_PARSE_FAILED', `"${fileName}": ${reason}.`);
  }
  let parsed: ParsedDocument;
  try {
    parsed = await parser(bytes);
  } catch (error) {
    throw new TailorError('KNOWLEDGE_PARSE_FAILED', `"${fileName}": ${explain(error)}.`);
  }
  if (parsed.blocks.length === 0) throw new TailorError('KNOWLEDGE_PARSE_FAILED', `"${fileName}": it holds no text.`);
  return parsed;
}

/** UTF-8 (with or without BOM); Chinese files saved as GBK/GB18030 are recognised too. */
export function decodeText(bytes: Uint8Array): string {
  if (bytes.includes(0) && !looksUtf16(bytes)) throw new Error('it is a binary file, not text');
  if (looksUtf16(bytes)) return new TextDecoder(bytes[0] === 0xff ? 'utf-16le' : 'utf-16be').decode(bytes);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}

function looksUtf16(bytes: Uint8Array): boolean {
  return (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
}

function explain(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  if (/password/i.test(message)) return 'the PDF is password-protected';
  if (/Invalid PDF|PDF header/i.test(message)) return 'it is not a valid PDF (the file is damaged or not a PDF)';
  if (/end of central directory|zip/i.test(message))
    return 'it is not a valid .docx (the file is damaged or not a Word document)';
  return message.replace(/\s+/g, ' ').slice(0, 300);
}
