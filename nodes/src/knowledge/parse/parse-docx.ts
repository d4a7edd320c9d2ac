import mammoth from 'mammoth';
import { parseHtml } from './parse-html.js';
import type { ParsedDocument } from './parsed-document.js';

/**
 * Word documents through mammoth, which maps Word's heading styles to h1–h6 and keeps tables; the
 * HTML it produces goes through the HTML parser, so both formats chunk alike.
 */
export async function parseDocx(bytes: Uint8Array): Promise<ParsedDocument> {
  const { value: html } = await mammoth.convertToHtml({ buffer: Buffer.from(bytes) });
  return parseHtml(html, 'docx');
}
