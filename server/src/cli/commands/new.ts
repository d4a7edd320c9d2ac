import { access, writeFile } from 'node:fs/promises';
import { relative, resolve } from 'node:path';
import { type FlowTemplate, listTemplates, readTemplate } from '../../templates/template-library.js';
import { type CliCommand, type CliIo, EXIT, UsageError } from '../command.js';

const details = `Without a name, lists the templates. With one, writes its flow document to
<name>.flow.json (or --out) and prints the commands that load its sample data and run it.

Options:
  --out <file>   where to write the flow (default <name>.flow.json); "-" prints it
  --force        overwrite the file when it exists

Examples:
  tailor new
  tailor new customer-service --out support-bot.json`;

function printList(templates: readonly FlowTemplate[], io: CliIo): void {
  const width = Math.max(...templates.map((t) => t.name.length));
  io.stdout.write('Templates (tailor new <name>):\n\n');
  for (const template of templates) {
    io.stdout.write(`  ${template.name.padEnd(width)}  ${template.title}\n`);
    if (template.description) io.stdout.write(`  ${''.padEnd(width)}  ${template.description}\n`);
  }
}

function nextSteps(template: FlowTemplate, file: string, io: CliIo): string {
  const lines = ['Next:'];
  const near = template.dataDir ? relative(io.cwd, template.dataDir) : undefined;
  const data = near?.startsWith('..') ? template.dataDir : near || template.dataDir;
  for (const base of template.knowledgeBases) {
    lines.push(`  npx tailor kb add ${base} ${data ?? '<folder of your documents>'}`);
  }
  lines.push(`  npx tailor validate ${file}`, `  npx tailor run ${file} --input '{...}'   (see docs/templates.md)`);
  return `${lines.join('\n')}\n`;
}

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}

export const newCommand: CliCommand = {
  name: 'new',
  summary: 'Start a flow from a template (lists the templates without a name)',
  usage: 'tailor new [<template>] [--out <file>] [--force]',
  details,
  options: { out: { type: 'string', short: 'o' }, force: { type: 'boolean' } },
  async run({ positionals, values, io }) {
    const templates = await listTemplates();
    const name = positionals[0];
    if (!name) {
      if (!templates.length) throw new UsageError('No templates are installed (templates/ is missing).');
      printList(templates, io);
      return EXIT.ok;
    }
    const template = await readTemplate(name);
    if (!template) {
      throw new UsageError(`There is no template "${name}". Templates: ${templates.map((t) => t.name).join(', ')}.`);
    }
    const text = `${JSON.stringify(template.flow, null, 2)}\n`;
    const out = typeof values.out === 'string' ? values.out : `${name}.flow.json`;
    if (out === '-') {
      io.stdout.write(text);
      return EXIT.ok;
    }
    const path = resolve(io.cwd, out);
    if (values.force !== true && (await exists(path))) {
      throw new UsageError(`${out} exists already; choose another --out or add --force to overwrite it.`);
    }
    await writeFile(path, text);
    io.stdout.write(`Wrote ${out} (${template.title}).\n${nextSteps(template, out, io)}`);
    return EXIT.ok;
  },
};
