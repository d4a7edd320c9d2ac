import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { catalogue } from '@tailor/nodes';
import { flowDocumentJsonSchema } from '@tailor/runtime';
import { type CliCommand, EXIT } from '../command.js';

export const schemaCommand: CliCommand = {
  name: 'schema',
  summary: "Print the flow files' JSON Schema with this installation's node types",
  usage: 'tailor schema [--out <file>]',
  details: `Prints the JSON Schema of flow files, with every installed node type and its settings, so that
editors such as VS Code complete and check flows by hand. Point a flow at it with
"$schema": "./flow.schema.json". {{ }} references are accepted wherever a value is expected.

Options:
  --out <file>   write the schema to a file instead of printing it`,
  options: { out: { type: 'string', short: 'o' } },
  async run({ values, io }) {
    const text = `${JSON.stringify(flowDocumentJsonSchema(catalogue), null, 2)}\n`;
    if (typeof values.out === 'string') {
      await writeFile(resolve(io.cwd, values.out), text);
      io.stderr.write(`Wrote ${values.out}\n`);
    } else {
      io.stdout.write(text);
    }
    return EXIT.ok;
  },
};
