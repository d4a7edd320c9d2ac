/**
 * Writes docs/flow-format.schema.json from the zod schema (`npm run -w runtime gen:schema`).
 * runtime/src/contract/json-schema.test.ts fails while the committed file is stale.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { flowDocumentJsonSchema } from '../src/contract/json-schema.js';

export const schemaFile = fileURLToPath(new URL('../../docs/flow-format.schema.json', import.meta.url));

export function renderFlowSchema(): string {
  return `${JSON.stringify(flowDocumentJsonSchema(), null, 2)}\n`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(schemaFile, renderFlowSchema());
  process.stdout.write(`Wrote ${schemaFile}\n`);
}
