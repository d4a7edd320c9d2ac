import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BenchArea, BenchRow } from './bench-row.js';

/**
 * `npm run bench [-- area…]`: runs each benchmark area in this process, one after another, and
 * prints one table. Areas are listed here in the order the system is built.
 */
const AREAS = [
  'engine',
  'validation',
  'sandbox',
  'models',
  'knowledge',
  'safety',
  'server',
  'evaluation',
  'dashboard',
  'editor',
  'widget',
] as const;

function format(value: number | undefined): string {
  if (value === undefined) return '';
  if (Number.isNaN(value)) return 'n/a';
  if (Math.abs(value) >= 100) return value.toFixed(0);
  if (Math.abs(value) >= 1) return value.toFixed(2);
  return value.toFixed(3);
}

function printTable(rows: BenchRow[]): void {
  const header = ['area', 'metric', 'value', 'unit', 'floor', 'goal'];
  const lines = rows.map((row) => [
    row.area,
    row.metric,
    format(row.value),
    row.unit,
    format(row.floor),
    row.goal ?? '',
  ]);
  const widths = header.map((title, column) =>
    Math.max(title.length, ...lines.map((line) => (line[column] ?? '').length)),
  );
  const render = (cells: string[]): string => cells.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join('  ');
  console.log(render(header));
  console.log(render(widths.map((width) => '-'.repeat(width))));
  for (const line of lines) console.log(render(line));
}

async function main(): Promise<void> {
  const wanted = process.argv.slice(2);
  const rows: BenchRow[] = [];
  for (const name of AREAS) {
    if (wanted.length > 0 && !wanted.includes(name)) continue;
    const file = join(import.meta.dirname, `${name}.ts`);
    if (!existsSync(file)) continue;
    const area = (await import(pathToFileURL(file).href)).default as BenchArea;
    process.stderr.write(`bench: ${area.name}…\n`);
    try {
      rows.push(...(await area.run()));
    } catch (error) {
      rows.push({ area: area.name, metric: `failed: ${(error as Error).message}`, value: Number.NaN, unit: '' });
    }
  }
  printTable(rows);
}

await main();
