import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { decodeText } from '../net/response-body.js';
import type { SafeFetch } from '../net/safe-fetch.js';

export interface ExtractedPage {
  content?: string;
  contentError?: string;
}

function squeeze(text: string): string {
  return text
    .replace(/[ \t\f\v]+/g, ' ')
    .replace(/\s*\n\s*/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** The readable main text of an HTML page (Firefox Reader View's algorithm), or its body text. */
export function mainText(html: string, url: string): string {
  const { document } = parseHTML(html);
  try {
    const article = new Readability(document as unknown as ConstructorParameters<typeof Readability>[0], {
      charThreshold: 200,
    }).parse();
    if (article?.textContent && article.textContent.trim().length > 0) return squeeze(article.textContent);
  } catch {
    // Readability gives up on odd markup; the body text below is still useful.
  }
  const fallback = parseHTML(html).document;
  for (const element of fallback.querySelectorAll('script, style, noscript, nav, header, footer')) element.remove();
  return squeeze(fallback.body?.textContent ?? '') || `(no text found at ${url})`;
}

/** Fetches one result page through the safe fetch and keeps its main text, never failing the search. */
export async function extractPage(
  fetch: SafeFetch,
  url: string,
  maxChars: number,
  signal: AbortSignal,
): Promise<ExtractedPage> {
  try {
    const response = await fetch.fetch({
      url,
      timeoutMs: 15_000,
      maxBytes: 3 * 1024 * 1024,
      signal,
      headers: { accept: 'text/html,text/plain;q=0.9' },
    });
    if (response.status >= 400) return { contentError: `the page answered ${response.status}` };
    const type = response.headers['content-type'] ?? '';
    const text = decodeText(response.body, type);
    const content = /html/i.test(type) || /^\s*</.test(text) ? mainText(text, url) : squeeze(text);
    return { content: content.length > maxChars ? `${content.slice(0, maxChars)}…` : content };
  } catch (error) {
    return { contentError: error instanceof Error ? error.message : String(error) };
  }
}
