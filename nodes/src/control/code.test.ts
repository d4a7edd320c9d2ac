import { type CodeSandboxHost, CodeSandboxService, createCodeSandbox, ServiceRegistry } from '@tailor/runtime';
import { runNodeForTest } from '@tailor/runtime/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeNode } from './code.js';

let sandbox: CodeSandboxHost;
let services: ServiceRegistry;
beforeAll(async () => {
  sandbox = createCodeSandbox({ maxMemoryMb: 128 });
  services = new ServiceRegistry().provide(CodeSandboxService, sandbox);
  await sandbox.ready();
});
afterAll(() => sandbox.dispose());

describe('code node', () => {
  it('outputs what the code returns for the given inputs', async () => {
    const result = await runNodeForTest(
      codeNode,
      {
        inputs: { question: 'refund?', scores: [0.2, 0.9] },
        code: 'return { best: Math.max(...inputs.scores), q: inputs.question.toUpperCase() };',
      },
      { services },
    );
    expect(result.output).toEqual({ best: 0.9, q: 'REFUND?' });
    expect(result.ports).toBeUndefined();
  });

  it('defaults inputs to an empty object and memory to 64 MB', () => {
    expect(codeNode.config.parse({ code: 'return 1' })).toEqual({ inputs: {}, code: 'return 1', memoryMb: 64 });
  });

  it('writes console lines into the node logs', async () => {
    const result = await runNodeForTest(
      codeNode,
      { code: 'console.log("checking", inputs.n);\nconsole.warn("odd");\nreturn inputs.n % 2;', inputs: { n: 3 } },
      { services },
    );
    expect(result.output).toBe(1);
    expect(result.logs.map(({ level, message }) => ({ level, message }))).toEqual([
      { level: 'info', message: 'checking 3' },
      { level: 'warn', message: 'odd' },
    ]);
  });

  it('fails with the line of the error in the snippet', async () => {
    const running = runNodeForTest(codeNode, { code: 'const list = inputs.items;\nreturn list.length;' }, { services });
    await expect(running).rejects.toMatchObject({
      code: 'SANDBOX_ERROR',
      message: expect.stringContaining('(line 2)'),
    });
  });

  it("uses the node's time limit", async () => {
    const running = runNodeForTest(codeNode, { code: 'while (true) {}' }, { services, timeoutMs: 150 });
    await expect(running).rejects.toMatchObject({
      code: 'SANDBOX_TIMEOUT',
      message: expect.stringContaining('150 ms'),
    });
  });

  it('uses its memory limit', async () => {
    const running = runNodeForTest(
      codeNode,
      { memoryMb: 16, code: 'const keep = [];\nfor (;;) keep.push(new Array(1000).fill(1));' },
      { services },
    );
    await expect(running).rejects.toMatchObject({ code: 'SANDBOX_MEMORY', message: expect.stringContaining('16 MB') });
  });

  it('stops when the run is cancelled', async () => {
    const controller = new AbortController();
    const running = runNodeForTest(
      codeNode,
      { code: 'for (;;) {}' },
      { services, signal: controller.signal, timeoutMs: 30_000 },
    );
    setTimeout(() => controller.abort(), 10);
    await expect(running).rejects.toMatchObject({ code: 'RUN_CANCELLED' });
  });

  it('names the missing sandbox when the host provides none', async () => {
    await expect(runNodeForTest(codeNode, { code: 'return 1' })).rejects.toMatchObject({ code: 'SERVICE_MISSING' });
  });

  it('leaves the code unresolved and refuses an empty snippet', () => {
    expect(codeNode.rawFields).toEqual(['code']);
    expect(codeNode.config.safeParse({ code: '' }).success).toBe(false);
  });
});
