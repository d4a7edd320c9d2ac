import { type CliCommand, EXIT, UsageError } from '../command.js';
import { addDocuments } from './kb/kb-add.js';
import { listCommand } from './kb/kb-list.js';
import { searchCommand } from './kb/kb-search.js';
import { openKnowledge } from './kb/open-knowledge.js';

const details = `Knowledge bases live in TAILOR_DATA_DIR (default ./data) unless a server store is configured.

  tailor kb add <kb> <files or folders…>   index files (txt md html pdf docx csv json jsonl); a file of
                                           the same name is replaced; creates <kb> if needed
  tailor kb remove <kb> <document>         remove one document (its name as listed)
  tailor kb list [<kb>]                    the knowledge bases, or the documents of one
  tailor kb search <kb> "<query>"          the best chunks, with why each is ranked where it is

Options of add (settings apply when the knowledge base is created):
  --chunk-size <tokens>         chunk size in tokens (default 512)
  --overlap <tokens>            tokens repeated between neighbouring chunks (default 64)
  --embedding <provider:model>  embedding model, e.g. openai:text-embedding-3-small; without it the
                                knowledge base is keyword-only (BM25)
  --embedding-credential <id>   the credential for the embedding provider (default: its name)
  --preview                     print the chunks each file would become; index nothing

Options of search:
  --top-k <n>                   chunks to return (default 5)
  --mode keyword|vector|hybrid  default hybrid, or keyword when there is no embedding model
  --filter <cond>               metadata filter, repeatable: category=displays, price<1000,
                                year>=2024, lang!=en, topic=billing|orders
  --threshold <0-1>             leave out chunks scoring lower
  --debug                       also show the candidates that were cut, and why
  --json                        print { "chunks": [{ "text", "document", "score", "scores", "metadata" }] }
  --queries <file>              one query per line; prints one such JSON object per line, in order

Common: --credentials <file> (a JSON list of credentials; OPENAI_API_KEY … are read too), --json.
Exit status: 0 done, 1 a document was rejected or the knowledge base is missing, 2 bad usage.`;

export const kbCommand: CliCommand = {
  name: 'kb',
  summary: 'Add, remove, list and search documents of knowledge bases',
  usage: 'tailor kb add|remove|list|search <kb> … (tailor kb --help)',
  details,
  options: {
    'top-k': { type: 'string', short: 'k' },
    mode: { type: 'string' },
    json: { type: 'boolean' },
    queries: { type: 'string' },
    filter: { type: 'string', multiple: true },
    threshold: { type: 'string' },
    debug: { type: 'boolean' },
    'chunk-size': { type: 'string' },
    overlap: { type: 'string' },
    embedding: { type: 'string' },
    'embedding-credential': { type: 'string' },
    preview: { type: 'boolean' },
    credentials: { type: 'string' },
  },
  async run({ positionals, values, io }) {
    const [action, kb, ...rest] = positionals;
    if (!action || !['add', 'remove', 'list', 'search'].includes(action)) {
      throw new UsageError(
        action
          ? `there is no "kb ${action}"; use add, remove, list or search.`
          : 'say what to do: add, remove, list or search.',
      );
    }
    if (action !== 'list' && !kb) throw new UsageError(`name the knowledge base: tailor kb ${action} <kb> …`);
    const knowledge = await openKnowledge(io, values.credentials as string | undefined);
    try {
      if (action === 'list') return await listCommand(knowledge.bases, io, kb, values);
      if (action === 'search') return await searchCommand(knowledge.bases, io, kb as string, rest[0], values);
      if (action === 'add') return await addDocuments(knowledge.bases, io, kb as string, rest, values);
      if (!rest[0]) throw new UsageError('name the document to remove: tailor kb remove <kb> <document>');
      const base = await knowledge.bases.open(kb as string);
      await base.remove(rest[0]);
      io.stdout.write(
        `Removed "${rest[0]}" from "${kb}"; ${base.info.documents} documents, ${base.info.chunks} chunks left.\n`,
      );
      return EXIT.ok;
    } finally {
      await knowledge.close();
    }
  },
};
