import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { brotliCompressSync, gzipSync, constants as zlib } from 'node:zlib';
import type { BenchArea, BenchRow } from './bench-row.js';

/**
 * The embeddable chat widget's weight on a customer's page: `widget.js` built fresh from
 * editor/src/widget, then measured as sent (gzip as most CDNs do, brotli as the Tailor server
 * does when the browser accepts it).
 */
const ROOT = resolve(import.meta.dirname, '../..');

function buildWidget(): Buffer {
  const outDir = mkdtempSync(join(tmpdir(), 'tailor-widget-bench-'));
  try {
    execFileSync(
      process.execPath,
      [
        join(ROOT, 'node_modules/vite/bin/vite.js'),
        'build',
        '-c',
        'vite.widget.config.ts',
        '--outDir',
        outDir,
        '--logLevel',
        'silent',
      ],
      { cwd: join(ROOT, 'editor'), stdio: 'ignore' },
    );
    return readFileSync(join(outDir, 'widget.js'));
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}

const area: BenchArea = {
  name: 'widget',
  async run(): Promise<BenchRow[]> {
    const bundle = buildWidget();
    const kb = (bytes: number) => Math.round((bytes / 1024) * 100) / 100;
    return [
      {
        area: 'widget',
        metric: 'widget.js gzipped (level 9)',
        value: kb(gzipSync(bundle, { level: 9 }).length),
        unit: 'KB',
        goal: '< 20 KB',
      },
      {
        area: 'widget',
        metric: 'widget.js brotli (as served)',
        value: kb(brotliCompressSync(bundle, { params: { [zlib.BROTLI_PARAM_QUALITY]: 11 } }).length),
        unit: 'KB',
        goal: '< 20 KB',
      },
      { area: 'widget', metric: 'widget.js minified', value: kb(bundle.length), unit: 'KB' },
    ];
  },
};

export default area;
