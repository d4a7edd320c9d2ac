import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { catalogue } from '@tailor/nodes';
import { loadFlow } from '@tailor/runtime';
import { describe, expect, it } from 'vitest';
import { repositoryRoot } from './run-tailor.js';

describe('docs/flow-format.md', () => {
  it('opens with a complete example that validates against the installed node types', () => {
    const page = readFileSync(join(repositoryRoot, 'docs/flow-format.md'), 'utf8');
    const example = /## A complete example[\s\S]*?```json\n([\s\S]*?)```/.exec(page)?.[1];
    expect(example).toBeDefined();
    const result = loadFlow(example ?? '', catalogue);
    expect(result.problems).toEqual([]);
    expect(result.document?.nodes.map((node) => node.type)).toEqual([
      'input',
      'safety',
      'retrieval',
      'model',
      'template',
      'output',
    ]);
  });
});
