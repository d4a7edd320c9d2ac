import { CodeSandboxService, defineNode } from '@tailor/runtime';
import { z } from 'zod';

/** Runs the analyst's JavaScript in the code sandbox; the engine leaves `code` unresolved. */
export const codeNode = defineNode({
  type: 'code',
  version: 1,
  title: { en: 'Code', zh: '代码' },
  description: {
    en: 'Runs JavaScript on the inputs you give it (the body of an async function of `inputs`) in an isolated sandbox and outputs what it returns.',
    zh: '在隔离沙箱中运行 JavaScript（以 `inputs` 为参数的异步函数体），输出其返回值。',
  },
  category: 'code',
  config: z.object({
    inputs: z
      .record(z.string(), z.unknown())
      .default({})
      .describe('Values the code receives as `inputs`, e.g. { "text": "{{ start.question }}" }.'),
    code: z
      .string()
      .min(1, 'Write the code to run, e.g. `return inputs.text.toUpperCase();`')
      .describe(
        'The body of an async function of `inputs` that returns JSON data; console.log lines go to the logs. No require, fetch or timers.',
      ),
    memoryMb: z
      .number()
      .int()
      .min(8)
      .max(4096)
      .default(64)
      .describe("Memory limit in MB (the server's maximum applies)."),
  }),
  output: z.unknown(),
  ports: ['out'],
  rawFields: ['code'],
  defaultTimeoutMs: 5_000,
  run: async ({ config, services, signal, timeoutMs, log }) => {
    const sandbox = services.get(CodeSandboxService);
    const output = await sandbox.run(config.code, config.inputs, {
      timeoutMs,
      memoryMb: config.memoryMb,
      signal,
      onLog: (entry) => log(entry.level, entry.message),
    });
    return { output };
  },
});
