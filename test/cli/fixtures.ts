/** Flows for the CLI tests, built only from the control nodes every installation has. */
export const greetFlow = {
  schema: 'tailor.flow/v1',
  id: 'greet',
  name: 'Greet',
  nodes: [
    {
      id: 'start',
      type: 'input',
      config: {
        fields: [
          { name: 'who', type: 'string', required: true },
          { name: 'items', type: 'array', default: [] },
        ],
      },
    },
    { id: 'hello', type: 'template', config: { template: 'Hello {{ start.who | upcase }}!' } },
    {
      id: 'each',
      type: 'loop',
      config: {
        items: '{{ start.items }}',
        body: {
          nodes: [
            { id: 'line', type: 'template', config: { template: '{{ index }}: {{ item }}' } },
            { id: 'result', type: 'output', config: { value: '{{ line.text }}' } },
          ],
          edges: [{ from: 'line', to: 'result' }],
        },
      },
    },
    { id: 'end', type: 'output', config: { value: { greeting: '{{ hello.text }}', lines: '{{ each.results }}' } } },
  ],
  edges: [
    { from: 'start', to: 'hello' },
    { from: 'start', to: 'each' },
    { from: 'hello', to: 'end' },
    { from: 'each', to: 'end' },
  ],
};

export const brokenFlow = {
  schema: 'tailor.flow/v1',
  id: 'broken',
  name: 'Broken',
  nodes: [
    { id: 'start', type: 'input', config: { fields: [{ name: 'question', type: 'string' }] } },
    { id: 'reply', type: 'tempate', config: {} },
    { id: 'echo', type: 'template', config: { template: '{{ strat.question }}' } },
  ],
  edges: [
    { from: 'start', to: 'echo' },
    { from: 'echo', to: 'nowhere' },
  ],
};

/** Two branches of a condition: the taken one runs, the other is skipped. */
export const branchFlow = {
  schema: 'tailor.flow/v1',
  id: 'branch',
  name: 'Branch',
  nodes: [
    { id: 'start', type: 'input', config: { fields: [{ name: 'n', type: 'number', required: true }] } },
    {
      id: 'check',
      type: 'condition',
      config: { cases: [{ port: 'big', when: [{ left: '{{ start.n }}', op: 'gt', right: 10 }] }] },
    },
    { id: 'big', type: 'template', config: { template: 'big' } },
    { id: 'small', type: 'template', config: { template: 'small' } },
  ],
  edges: [
    { from: 'start', to: 'check' },
    { from: 'check', port: 'big', to: 'big' },
    { from: 'check', port: 'else', to: 'small' },
  ],
};

/** A code node doubling a number in the sandbox, then a template using its result. */
export const codeFlow = {
  schema: 'tailor.flow/v1',
  id: 'code',
  name: 'Code',
  nodes: [
    { id: 'start', type: 'input', config: { fields: [{ name: 'n', type: 'number', required: true }] } },
    {
      id: 'double',
      type: 'code',
      config: {
        inputs: { n: '{{ start.n }}' },
        code: 'console.log("doubling", inputs.n); return { twice: inputs.n * 2 };',
      },
    },
    { id: 'end', type: 'output', config: { value: '{{ double.twice }}' } },
  ],
  edges: [
    { from: 'start', to: 'double' },
    { from: 'double', to: 'end' },
  ],
};

/** A code node that never ends on its own (within its 60 s limit): only cancelling stops it. */
export const endlessFlow = {
  schema: 'tailor.flow/v1',
  id: 'endless',
  name: 'Endless',
  nodes: [
    { id: 'start', type: 'input', config: { fields: [] } },
    { id: 'spin', type: 'code', timeoutMs: 60_000, config: { code: 'while (true) {}' } },
    { id: 'end', type: 'output', config: { value: '{{ spin }}' } },
  ],
  edges: [
    { from: 'start', to: 'spin' },
    { from: 'spin', to: 'end' },
  ],
};

/** A question answered by a model (through OPENAI_BASE_URL in tests). */
export const chatFlow = {
  schema: 'tailor.flow/v1',
  id: 'chat',
  name: 'Chat',
  nodes: [
    { id: 'start', type: 'input', config: { fields: [{ name: 'question', type: 'string', required: true }] } },
    {
      id: 'answer',
      type: 'model',
      config: { provider: 'openai', model: 'gpt-4o-mini', prompt: '{{ start.question }}' },
    },
    { id: 'end', type: 'output', config: { value: '{{ answer.text }}' } },
  ],
  edges: [
    { from: 'start', to: 'answer' },
    { from: 'answer', to: 'end' },
  ],
};
