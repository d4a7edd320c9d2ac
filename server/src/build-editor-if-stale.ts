// `npm start` runs this first (prestart): it builds the editor when editor/dist is missing or older
// than the editor's sources, so a fresh clone starts with the editor and a second start is instant.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');
const editor = join(root, 'editor');

function newestChange(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) {
    if (entry === 'node_modules' || entry === 'dist' || entry.endsWith('.test.ts') || entry.endsWith('.test.tsx'))
      continue;
    newest = Math.max(newest, newestChange(join(path, entry)));
  }
  return newest;
}

function builtAt(): number {
  const page = join(editor, 'dist', 'index.html');
  return existsSync(page) ? statSync(page).mtimeMs : 0;
}

const sources = ['src', 'index.html', 'package.json', 'vite.config.ts', 'vite.widget.config.ts']
  .map((name) => join(editor, name))
  .filter((path) => existsSync(path));

if (process.env.TAILOR_EDITOR_DIR) {
  // a deployment that serves its own build
} else if (sources.length === 0) {
  process.stderr.write('tailor: no editor sources found; starting the API only.\n');
} else if (Math.max(...sources.map(newestChange)) > builtAt()) {
  process.stderr.write('tailor: building the editor (once, until its sources change)…\n');
  const build = spawnSync('npm', ['run', 'build', '-w', 'editor'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) process.stderr.write('tailor: the editor build failed; the server starts without it.\n');
}
