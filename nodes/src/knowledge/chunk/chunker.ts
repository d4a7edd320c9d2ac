import type { ChunkingSettings, Metadata } from '../model.js';
import type { Block, ParsedDocument } from '../parse/parsed-document.js';
import { splitClauses, splitLines, splitSentences } from './split-text.js';
import { countTokens, splitByTokens } from './token-count.js';

/** A piece of a document as it is indexed and returned by searches. */
export interface Chunk {
  text: string;
  tokens: number;
  /** 0-based place of the chunk in its document. */
  position: number;
  headingPath: string[];
  metadata: Metadata;
}

interface Unit {
  text: string;
  tokens: number;
  /** What goes between this unit and the one before it in the same chunk. */
  joiner: string;
  metadata: Metadata | undefined;
}

/**
 * Recursive, structure-aware chunking. Blocks under the same headings form a section; a section is
 * packed into chunks of at most `chunkSize` tokens, blocks whole where they fit, else cut at lines,
 * then sentences, then clauses, and only then at a token count. A new chunk in the same section
 * starts with the last units of the previous one, up to `overlap` tokens. Records (CSV/JSON rows)
 * are one chunk each. Chunks never straddle two sections, so each has one heading path.
 */
export function chunkDocument(document: ParsedDocument, settings: ChunkingSettings): Chunk[] {
  const chunks: Chunk[] = [];
  const emit = (units: readonly Unit[], headingPath: string[]) => {
    const text = units
      .map((u, i) => (i === 0 ? u.text : u.joiner + u.text))
      .join('')
      .trim();
    if (!text) return;
    const first = units[0]?.metadata ?? {};
    const last = units.at(-1)?.metadata ?? {};
    const metadata: Metadata = { ...document.metadata, ...first };
    if (typeof first.page === 'number' && typeof last.page === 'number' && last.page !== first.page) {
      metadata.pageEnd = last.page;
    }
    chunks.push({ text, tokens: countTokens(text), position: chunks.length, headingPath, metadata });
  };
  for (const section of sections(document.blocks)) {
    const packer = new Packer(settings, (units) => emit(units, section.headingPath));
    for (const block of section.blocks) {
      const pieces = fitPieces(block.text, settings.chunkSize);
      if (block.kind === 'record') {
        packer.flush();
        for (const piece of pieces) emit([{ ...piece, metadata: block.metadata }], section.headingPath);
        continue;
      }
      pieces.forEach((piece, i) => {
        const joiner = i > 0 ? piece.joiner : block.kind === 'table-row' || block.kind === 'list-item' ? '\n' : '\n\n';
        packer.add({ ...piece, joiner, metadata: block.metadata });
      });
    }
    packer.flush();
  }
  return chunks;
}

class Packer {
  #units: Unit[] = [];
  #tokens = 0;

  constructor(
    readonly settings: ChunkingSettings,
    readonly emit: (units: readonly Unit[]) => void,
  ) {}

  add(unit: Unit): void {
    if (this.#units.length > 0 && this.#tokens + unit.tokens > this.settings.chunkSize) {
      const carried = this.#overlapTail();
      this.emit(this.#units);
      this.#units = this.#tokensOf(carried) + unit.tokens <= this.settings.chunkSize ? carried : [];
      this.#tokens = this.#tokensOf(this.#units);
    }
    this.#units.push(unit);
    this.#tokens += unit.tokens;
  }

  flush(): void {
    if (this.#units.length > 0) this.emit(this.#units);
    this.#units = [];
    this.#tokens = 0;
  }

  /** The trailing units that fit in the overlap budget (never the whole chunk). */
  #overlapTail(): Unit[] {
    const tail: Unit[] = [];
    let tokens = 0;
    for (let i = this.#units.length - 1; i > 0; i--) {
      const unit = this.#units[i];
      if (!unit || tokens + unit.tokens > this.settings.overlap) break;
      tail.unshift(unit);
      tokens += unit.tokens;
    }
    return tail;
  }

  #tokensOf(units: readonly Unit[]): number {
    return units.reduce((sum, u) => sum + u.tokens, 0);
  }
}

type Piece = Pick<Unit, 'text' | 'tokens' | 'joiner'>;

const SPLITTERS: ReadonlyArray<{ split: (text: string) => string[]; joiner: string }> = [
  { split: splitLines, joiner: '\n' },
  { split: splitSentences, joiner: '' },
  { split: splitClauses, joiner: '' },
];

/** A block as pieces of at most `size` tokens, cut at the coarsest boundary that suffices. */
export function fitPieces(text: string, size: number, level = 0, joiner = ''): Piece[] {
  const tokens = countTokens(text);
  if (tokens <= size) return [{ text, tokens, joiner }];
  const splitter = SPLITTERS[level];
  if (!splitter)
    return splitByTokens(text, size).map((piece) => ({ text: piece, tokens: countTokens(piece), joiner: '' }));
  const parts = splitter.split(text);
  if (parts.length <= 1) return fitPieces(text, size, level + 1, joiner);
  return parts.flatMap((part, i) => fitPieces(part, size, level + 1, i === 0 ? joiner : splitter.joiner));
}

function sections(blocks: readonly Block[]): Array<{ headingPath: string[]; blocks: Block[] }> {
  const out: Array<{ headingPath: string[]; blocks: Block[] }> = [];
  for (const block of blocks) {
    const last = out.at(-1);
    if (last && sameStrings(last.headingPath, block.headingPath)) last.blocks.push(block);
    else out.push({ headingPath: block.headingPath, blocks: [block] });
  }
  return out;
}

function sameStrings(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((value, i) => value === b[i]);
}
