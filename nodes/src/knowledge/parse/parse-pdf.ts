import { extractText, getDocumentProxy } from 'unpdf';
import { type Block, collapseWhitespace, type ParsedDocument } from './parsed-document.js';

/**
 * PDF through PDF.js (the serverless build shipped by unpdf): the text layer page by page. Each
 * paragraph keeps its page number. Scanned PDFs without a text layer are rejected, not guessed.
 */
export async function parsePdf(bytes: Uint8Array): Promise<ParsedDocument> {
  // PDF.js takes ownership of the buffer it is given; hand it a copy so the caller's stays usable.
  const pdf = await getDocumentProxy(new Uint8Array(bytes));
  try {
    const { totalPages, text } = await extractText(pdf, { mergePages: false });
    const blocks: Block[] = [];
    text.forEach((pageText, index) => {
      for (const paragraph of pageParagraphs(pageText)) {
        blocks.push({ kind: 'paragraph', text: paragraph, headingPath: [], metadata: { page: index + 1 } });
      }
    });
    if (blocks.length === 0) {
      throw new Error('the PDF has no text layer (a scanned image?); OCR is not supported, export it with text');
    }
    const title = await pdfTitle(pdf);
    return { format: 'pdf', blocks, metadata: title ? { title, pages: totalPages } : { pages: totalPages } };
  } finally {
    await pdf.destroy();
  }
}

function pageParagraphs(pageText: string): string[] {
  return pageText
    .replace(/\r\n?/g, '\n')
    .replace(/(\p{L})-\n(\p{Ll})/gu, '$1$2')
    .split(/\n[ \t]*\n+/)
    .map((p) =>
      p
        .split('\n')
        .map((line) => collapseWhitespace(line))
        .filter((line) => line)
        .join('\n'),
    )
    .filter((p) => p.length > 0);
}

async function pdfTitle(pdf: Awaited<ReturnType<typeof getDocumentProxy>>): Promise<string | undefined> {
  try {
    const { info } = await pdf.getMetadata();
    const title = info && typeof info === 'object' && 'Title' in info ? info.Title : undefined;
    return typeof title === 'string' && title.trim() ? title.trim() : undefined;
  } catch {
    return undefined;
  }
}
