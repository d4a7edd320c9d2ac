import { join } from 'node:path';
import { repositoryRoot, type TailorOutcome, tailor, workspace } from '../cli/run-tailor.js';

export const KEY = 'sk-template-0123456789abcdefghij';
export const templatesDir = join(repositoryRoot, 'templates');

export interface TemplateRig {
  dir: string;
  env: Record<string, string>;
  /** Runs `tailor <args>` in the rig's folder with its environment. */
  tailor(args: readonly string[]): Promise<TailorOutcome>;
  remove(): void;
}

/** A temporary folder and data dir wired to the local provider server, as a user would set it up. */
export function templateRig(openaiBaseUrl: string): TemplateRig {
  const files = workspace({});
  const env = {
    OPENAI_API_KEY: KEY,
    OPENAI_BASE_URL: openaiBaseUrl,
    TAILOR_DATA_DIR: join(files.dir, 'data'),
    TAILOR_ALLOW_HOSTS: '127.0.0.1',
  };
  return {
    dir: files.dir,
    env,
    tailor: (args) => tailor(args, { cwd: files.dir, env }),
    remove: files.remove,
  };
}

/** The run's output from `tailor run --events` (the last event), with every event for inspection. */
export function parseRun(outcome: TailorOutcome): { events: Array<Record<string, unknown>>; output: unknown } {
  const events = outcome.stdout
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
  return { events, output: events.at(-1)?.output };
}

/** The text of every chat request the model server received, in order. */
export function promptsSeen(requests: ReadonlyArray<{ path: string; body: unknown }>): string[] {
  return requests
    .filter((r) => r.path.endsWith('/chat/completions'))
    .map((r) =>
      ((r.body as { messages?: Array<{ content: unknown }> }).messages ?? [])
        .map((m) => (typeof m.content === 'string' ? m.content : JSON.stringify(m.content)))
        .join('\n'),
    );
}
