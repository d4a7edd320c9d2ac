import { commands, runCli } from '@tailor/server/cli';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { branchFlow, brokenFlow, chatFlow, codeFlow, greetFlow } from './fixtures.js';
import { memoryIo } from './memory-io.js';
import { workspace } from './run-tailor.js';

let folder: ReturnType<typeof workspace>;

beforeAll(() => {
  folder = workspace({
    'greet.json': greetFlow,
    'broken.json': brokenFlow,
    'branch.json': branchFlow,
    'code.json': codeFlow,
    'chat.json': chatFlow,
    'malformed.json': '{\n  "schema": "tailor.flow/v1",\n  "nodes": [\n}\n',
    'inputs.json': { who: 'file', items: ['a'] },
    'credentials.json': '[{"id": "openai", "apiKey": 42}]',
  });
});
afterAll(() => folder.remove());

/** Runs `tailor <args>` in this process, with the same commands the binary has. */
async function tailor(args: string[], stdin = '') {
  const io = memoryIo(folder.dir, stdin);
  const status = await runCli(args, io, commands);
  return { status, stdout: io.out(), stderr: io.err() };
}

describe('tailor validate (in process)', () => {
  it('prints the problems as JSON with --json', async () => {
    const outcome = await tailor(['validate', 'broken.json', '--json']);
    const report = JSON.parse(outcome.stdout) as { valid: boolean; problems: Array<{ code: string }> };
    expect(outcome.status).toBe(2);
    expect(report.valid).toBe(false);
    expect(report.problems.map((p) => p.code)).toEqual([
      'node.unknown-type',
      'edge.missing-node',
      'reference.unknown-name',
    ]);
  });

  it('checks several files, naming each', async () => {
    const outcome = await tailor(['validate', 'greet.json', 'broken.json']);
    expect(outcome.status).toBe(2);
    const lines = outcome.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('greet.json: valid');
    expect(
      lines.slice(1).every((line) => line.startsWith('broken.json: nodes[') || line.startsWith('broken.json: edges[')),
    ).toBe(true);
    expect(outcome.stderr).toBe('broken.json: the flow has 3 problems; fix them before running it.\n');
  });

  it('reports malformed JSON with line and column', async () => {
    const outcome = await tailor(['validate', 'malformed.json']);
    expect(outcome.status).toBe(2);
    expect(outcome.stdout).toBe(
      '(flow): The flow is not valid JSON: line 4, column 1: expected a value (text in double quotes, a number, true, false, null, [ or {), found "}".\n',
    );
  });

  it('exits 2 when the file cannot be read, or is not named', async () => {
    const missing = await tailor(['validate', 'missing.json']);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('Cannot read the flow file "missing.json": there is no such file.');
    const unnamed = await tailor(['validate']);
    expect(unnamed.status).toBe(2);
    expect(unnamed.stderr).toContain('Name the flow file');
  });
});

describe('tailor run (in process)', () => {
  it('reads inputs from a file', async () => {
    const outcome = await tailor(['run', 'greet.json', '--input-file', 'inputs.json']);
    expect(outcome.status).toBe(0);
    expect(JSON.parse(outcome.stdout)).toEqual({ greeting: 'Hello FILE!', lines: ['0: a'] });
  });

  it('reads inputs from stdin with --input-file -', async () => {
    const outcome = await tailor(['run', 'greet.json', '--input-file', '-'], '{"who": "pipe"}');
    expect(JSON.parse(outcome.stdout)).toMatchObject({ greeting: 'Hello PIPE!' });
  });

  it('shows skipped nodes with the reason', async () => {
    const outcome = await tailor(['run', 'branch.json', '--input', '{"n": 3}']);
    expect(outcome.status).toBe(0);
    expect(outcome.stderr).toMatch(/^↷ big\s+template\s+skipped: /m);
    expect(outcome.stderr).toMatch(/^✓ small\s+template\s+\d+ ms/m);
  });

  it('exits 2 on --input that is not JSON, saying where', async () => {
    const outcome = await tailor(['run', 'greet.json', '--input', '{"who": ann}']);
    expect(outcome.status).toBe(2);
    expect(outcome.stderr).toContain('--input is not valid JSON (line 1, column 9');
  });

  it('exits 2 on --input that is not an object, on both input options, and on a bad --concurrency', async () => {
    const list = await tailor(['run', 'greet.json', '--input', '[1]']);
    expect([list.status, list.stderr]).toEqual([2, expect.stringContaining('--input must be a JSON object')]);
    const both = await tailor(['run', 'greet.json', '--input', '{}', '--input-file', 'inputs.json']);
    expect([both.status, both.stderr]).toEqual([2, expect.stringContaining('not both')]);
    const concurrency = await tailor(['run', 'greet.json', '--input', '{"who":"a"}', '--concurrency', 'many']);
    expect([concurrency.status, concurrency.stderr]).toEqual([2, expect.stringContaining('--concurrency must be')]);
  });

  it('refuses a credentials file that is not a list of credentials, without echoing secrets', async () => {
    const outcome = await tailor(['run', 'greet.json', '--input', '{"who":"a"}', '--credentials', 'credentials.json']);
    expect(outcome.status).toBe(2);
    expect(outcome.stderr).toContain('The credentials file "credentials.json" has problems');
    expect(outcome.stderr).not.toContain('42');
  });

  it('runs code nodes in the sandbox it composes', async () => {
    const outcome = await tailor(['run', 'code.json', '--input', '{"n": 21}']);
    expect(outcome.status).toBe(0);
    expect(JSON.parse(outcome.stdout)).toBe(42);
    expect(outcome.stderr).toMatch(/^✓ double\s+code\s+\d+ ms/m);
  });

  it('cancels the run on Ctrl-C and exits 1', async () => {
    // Ctrl-C right as the input node's progress line is written: the loop and the rest are ahead.
    const io = memoryIo(folder.dir, '', (text) => {
      if (text.startsWith('✓ start')) io.interrupt();
    });
    const running = runCli(['run', 'greet.json', '--input', '{"who": "a", "items": [1, 2, 3]}'], io, commands);
    expect(await running).toBe(1);
    expect(io.err()).toContain('Cancelling the run');
    expect(io.err()).toMatch(/Run cancelled after \d+ ms/);
    expect(io.err()).not.toContain('✓ end');
    expect(io.out()).toBe('');
  });
});

describe('tailor help (in process)', () => {
  it('shows the options of one command', async () => {
    const outcome = await tailor(['help', 'run']);
    expect(outcome.status).toBe(0);
    expect(outcome.stdout).toContain('--input-file <file>');
    expect((await tailor(['run', '--help'])).stdout).toBe(outcome.stdout);
  });

  it('says when there is no such command to explain', async () => {
    const outcome = await tailor(['help', 'fly']);
    expect(outcome.status).toBe(2);
    expect(outcome.stderr).toContain('There is no command "fly".');
  });

  it('explains an unknown option with the usage', async () => {
    const outcome = await tailor(['validate', 'greet.json', '--fast']);
    expect(outcome.status).toBe(2);
    expect(outcome.stderr).toContain("Unknown option '--fast'");
    expect(outcome.stderr).toContain('Usage: tailor validate <flow.json>');
  });
});

describe('the command registry', () => {
  it('lists each command under the name its module gives it', async () => {
    const { commandOf } = await import('@tailor/server/cli');
    for (const entry of commands.filter((candidate) => ['run', 'validate', 'help'].includes(candidate.name))) {
      const command = await commandOf(entry);
      expect([command.name, command.summary]).toEqual([entry.name, entry.summary]);
    }
  });
});

describe('tailor schema (in process)', () => {
  it("prints the flow JSON Schema with the installation's node types and their settings", async () => {
    const outcome = await tailor(['schema']);
    expect(outcome.status).toBe(0);
    const schema = JSON.parse(outcome.stdout) as {
      properties: { nodes: { items: { properties: { type: { enum: string[] } }; allOf: unknown[] } } };
    };
    const item = schema.properties.nodes.items;
    expect(item.properties.type.enum).toEqual(expect.arrayContaining(['input', 'output', 'template', 'code', 'loop']));
    expect(item.allOf).toHaveLength(item.properties.type.enum.length);
  });
});

describe('tailor run --stream (in process, against a local OpenAI-compatible server)', () => {
  it("prints the model's answer on stdout as it streams, then the progress on stderr", async () => {
    const { startProviderServer } = await import('@tailor/test/support');
    const server = await startProviderServer({ apiKey: 'sk-local' });
    try {
      server.enqueue({ text: 'Returns are free within 30 days.', chunkSize: 5 });
      const io = memoryIo(folder.dir, '', undefined, {
        OPENAI_API_KEY: 'sk-local',
        OPENAI_BASE_URL: server.openaiBaseUrl,
      });
      const status = await runCli(
        ['run', 'chat.json', '--stream', '--input', '{"question": "Returns?"}'],
        io,
        commands,
      );
      expect(status).toBe(0);
      expect(io.out()).toBe('Returns are free within 30 days.\n');
      expect(io.err()).toMatch(/^✓ answer\s+model\s+\d+ ms/m);
      expect(io.err()).not.toContain('sk-local');
    } finally {
      await server.close();
    }
  });
});

describe('flows from stdin', () => {
  it('validates and runs a flow given as "-"', async () => {
    const flowText = JSON.stringify(greetFlow);
    expect((await tailor(['validate', '-'], flowText)).stdout).toBe('valid\n');
    const run = await tailor(['run', '-', '--input', '{"who": "stdin"}'], flowText);
    expect(JSON.parse(run.stdout)).toMatchObject({ greeting: 'Hello STDIN!' });
    const both = await tailor(['run', '-', '--input-file', '-'], flowText);
    expect([both.status, both.stderr]).toEqual([2, expect.stringContaining('Only one of the flow and the inputs')]);
  });
});
