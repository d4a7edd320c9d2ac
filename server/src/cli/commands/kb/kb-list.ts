import type { KnowledgeBases } from '@tailor/nodes';
import { type CliIo, EXIT, type OptionValues } from '../../command.js';
import { displayWidth, padColumns } from './text-columns.js';

/** `tailor kb list`: the knowledge bases; `tailor kb list <kb>`: its documents. */
export async function listCommand(bases: KnowledgeBases, io: CliIo, kb: string | undefined, values: OptionValues) {
  if (kb === undefined) {
    const all = await bases.list();
    if (values.json) io.stdout.write(`${JSON.stringify({ knowledgeBases: all })}\n`);
    else if (all.length === 0)
      io.stdout.write('No knowledge bases yet; create one with: tailor kb add <kb> <files or folders…>\n');
    else {
      const width = Math.max(4, ...all.map((b) => b.name.length));
      for (const b of all) {
        const search = b.keywordOnly
          ? 'keyword only'
          : `hybrid · ${b.embedded?.model ?? b.settings.embedding?.model} · ${b.vectorIndex}`;
        io.stdout.write(
          `${b.name.padEnd(width)}  ${String(b.documents).padStart(5)} documents  ${String(b.chunks).padStart(7)} chunks  ${search}\n`,
        );
      }
    }
    return EXIT.ok;
  }
  const base = await bases.open(kb);
  const documents = await base.documents();
  if (values.json) {
    io.stdout.write(`${JSON.stringify({ knowledgeBase: base.info, documents })}\n`);
    return EXIT.ok;
  }
  const width = Math.max(8, ...documents.map((d) => displayWidth(d.name)));
  for (const d of documents) {
    const added = new Date(d.addedAt).toISOString().slice(0, 16).replace('T', ' ');
    io.stdout.write(
      `${padColumns(d.name, width)}  ${d.format.padEnd(8)}  ${String(d.chunks).padStart(5)} chunks  ${String(d.tokens).padStart(7)} tokens  ${added}\n`,
    );
  }
  const s = base.info.settings;
  io.stdout.write(
    `"${kb}": ${documents.length} documents; chunk size ${s.chunking.chunkSize}, overlap ${s.chunking.overlap}; ${s.embedding ? `embedding ${s.embedding.provider}:${s.embedding.model}` : 'keyword only'}.\n`,
  );
  return EXIT.ok;
}
