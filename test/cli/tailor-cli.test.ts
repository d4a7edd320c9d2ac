import { RunEventSchema } from '@tailor/runtime';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { brokenFlow, endlessFlow, greetFlow } from './fixtures.js';
import { npx, tailor, workspace } from './run-tailor.js';

// Each case starts the real `tailor` binary (a fresh Node with TypeScript loading): seconds each on a
// busy machine, so only what needs the real process is here; the rest runs in cli-commands.test.ts.
vi.setConfig({ testTimeout: 60_000 });

let folder: ReturnType<typeof workspace>;
let cwd: string;

beforeAll(() => {
  folder = workspace({
    'greet.json': greetFlow,
    'broken.json': brokenFlow,
    'endless.json': endlessFlow,
  });
  cwd = folder.dir;
});
afterAll(() => folder.remove());

describe.concurrent('tailor validate', () => {
  it('prints "valid" and exits 0 for a valid flow', async () => {
    const outcome = await tailor(['validate', 'greet.json'], { cwd });
    expect(outcome).toMatchObject({ status: 0, stdout: 'valid\n' });
  });

  it('prints every problem as "path: message" and exits 2', async () => {
    const outcome = await tailor(['validate', 'broken.json'], { cwd });
    expect(outcome.status).toBe(2);
    expect(outcome.stdout.trimEnd().split('\n')).toEqual([
      'nodes[1].type: Node "reply" has the type "tempate", which this installation does not offer. Did you mean "template"?',
      'edges[1].to: Edge #2 goes to "nowhere", which is not a node here.',
      'nodes[2].config.template: Node "echo" (template) refers to {{ strat.question }} in "template", but there is no node "strat". Did you mean "start"?',
    ]);
    expect(outcome.stderr).toContain('The flow has 3 problems');
  });
});

describe.concurrent('tailor run', () => {
  it('prints the output as JSON on stdout and one progress line per node on stderr', async () => {
    const outcome = await tailor(['run', 'greet.json', '--input', '{"who": "ann", "items": [1, 2]}'], { cwd });
    expect(outcome.status).toBe(0);
    expect(JSON.parse(outcome.stdout)).toEqual({ greeting: 'Hello ANN!', lines: ['0: 1', '1: 2'] });
    const lines = outcome.stderr.trimEnd().split('\n');
    const ended = lines
      .filter((line) => line.startsWith('✓'))
      .map((line) =>
        line
          .split(/\s{2,}/)
          .slice(0, 2)
          .join(' | '),
      );
    // Loop items and the template run concurrently, so only the set is fixed, and `end` comes last.
    expect([...ended].sort()).toEqual(
      [
        '✓ start | input',
        '✓ hello | template',
        '✓ each[0] › line | template',
        '✓ each[0] › result | output',
        '✓ each[1] › line | template',
        '✓ each[1] › result | output',
        '✓ each | loop',
        '✓ end | output',
      ].sort(),
    );
    expect(ended.at(-1)).toBe('✓ end | output');
    expect(lines.at(-1)).toMatch(/^Run succeeded in \d+ ms\.$/);
  });

  it('prints each run event as one NDJSON line with --events', async () => {
    const outcome = await tailor(['run', 'greet.json', '--events', '--input', '{"who": "x"}'], { cwd });
    expect(outcome.status).toBe(0);
    const events = outcome.stdout
      .trimEnd()
      .split('\n')
      .map((line) => RunEventSchema.parse(JSON.parse(line)));
    expect(events[0]?.type).toBe('run.start');
    expect(events.at(-1)).toMatchObject({ type: 'run.end', status: 'succeeded', output: { greeting: 'Hello X!' } });
    expect(events.map((event) => event.seq)).toEqual(events.map((_, index) => index + 1));
  });

  it('exits 1 when the run fails, saying why', async () => {
    const outcome = await tailor(['run', 'greet.json', '--input', '{}'], { cwd });
    expect(outcome.status).toBe(1);
    expect(outcome.stdout).toBe('');
    expect(outcome.stderr).toMatch(/^✗ start\s+input\s+\d+ ms\s+INPUT_INVALID: .*"who" is required/m);
    expect(outcome.stderr).toMatch(/Run failed after \d+ ms/);
  });

  it('exits 2 with every problem when the flow is invalid, without running it', async () => {
    const outcome = await tailor(['run', 'broken.json'], { cwd });
    expect(outcome.status).toBe(2);
    expect(outcome.stdout).toBe('');
    expect(outcome.stderr.split('\n').filter((line) => /^\S+: /.test(line))).toHaveLength(3);
    expect(outcome.stderr).toContain('it was not run');
  });
});

describe('Ctrl-C', () => {
  it('cancels a running flow through its AbortSignal, stops the code, and exits 1', async () => {
    let interrupted = false;
    const outcome = await tailor(['run', 'endless.json'], {
      cwd,
      // The input node has ended, so the endless code node is starting or running: press Ctrl-C.
      onStderr: (text, child) => {
        if (!interrupted && text.includes('✓ start')) {
          interrupted = true;
          child.kill('SIGINT');
        }
      },
    });
    expect(outcome.status).toBe(1);
    expect(outcome.stderr).toContain('Cancelling the run');
    expect(outcome.stderr).toMatch(/Run cancelled after \d+ ms/);
    expect(outcome.stdout).toBe('');
  });
});

describe.concurrent('tailor help', () => {
  it('lists the commands', async () => {
    const outcome = await tailor(['help'], { cwd });
    expect(outcome.status).toBe(0);
    expect(outcome.stdout).toMatch(/^ {2}run\s+Run a flow file/m);
    expect(outcome.stdout).toMatch(/^ {2}validate\s+Check flow files/m);
  });

  it('suggests the command meant, and exits 2 for an unknown one', async () => {
    const outcome = await tailor(['vaildate', 'x.json'], { cwd });
    expect(outcome.status).toBe(2);
    expect(outcome.stderr).toContain('Did you mean "tailor validate"?');
  });
});

describe('npx tailor', () => {
  it('works from the repository root', async () => {
    const outcome = await npx(['tailor', 'help']);
    expect(outcome.status).toBe(0);
    expect(outcome.stdout).toContain('Usage: tailor <command> [options]');
  });
});
