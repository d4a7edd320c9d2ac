import type { Metadata } from '../model.js';

/**
 * What every parser produces: the document as a list of blocks in reading order, each under the
 * headings that introduce it. The chunker packs blocks into chunks; it never needs the format.
 */
export type BlockKind = 'paragraph' | 'list-item' | 'table-row' | 'code' | 'record';

export interface Block {
  kind: BlockKind;
  text: string;
  /** The headings above the block, outermost first. */
  headingPath: string[];
  /** Block-level metadata (a PDF page, a record's fields). */
  metadata?: Metadata;
}

export interface ParsedDocument {
  format: DocumentFormat;
  blocks: Block[];
  /** Document-level metadata (title, page count); copied onto every chunk. */
  metadata: Metadata;
}

export type DocumentFormat = 'text' | 'markdown' | 'html' | 'pdf' | 'docx' | 'csv' | 'json';

/** Keeps track of the heading path while a parser walks a document. */
export class HeadingTrail {
  readonly #levels: Array<{ level: number; text: string }> = [];

  enter(level: number, text: string): void {
    while (this.#levels.length > 0 && (this.#levels.at(-1)?.level ?? 0) >= level) this.#levels.pop();
    const clean = collapseWhitespace(text);
    if (clean) this.#levels.push({ level, text: clean });
  }

  get path(): string[] {
    return this.#levels.map((l) => l.text);
  }
}

export function collapseWhitespace(text: string): string {
  return text.replace(/[ \t\f\v\u00a0\u3000]+/g, ' ').trim();
}

/** A table row as one self-describing line, so a row keeps its column names wherever it lands. */
export function tableRowText(header: readonly string[], cells: readonly string[]): string {
  return cells
    .map((cell, i) => {
      const name = header[i]?.trim();
      const value = collapseWhitespace(cell);
      return name && name !== value ? `${name}: ${value}` : value;
    })
    .filter((part) => part.length > 0)
    .join(' | ');
}
