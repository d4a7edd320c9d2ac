import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import type { JsonSchema } from '../../api/json-schema.js';
import { type FormContext, ObjectFields } from './schema-form.js';

const schema: JsonSchema = {
  type: 'object',
  properties: {
    prompt: { type: 'string' },
    mode: { type: 'string', enum: ['fast', 'careful'], default: 'fast' },
    stream: { type: 'boolean', default: true },
  },
  required: ['prompt'],
};

const ctx: FormContext = {
  nodeId: 'answer',
  rawFields: [],
  suggestions: [
    { label: 'kb', nodeId: 'kb' },
    { label: 'kb.text', nodeId: 'kb', type: 'string' },
  ],
  problems: [
    {
      path: ['nodes', 1, 'config', 'prompt'],
      message: 'give the model a prompt',
      nodeId: 'answer',
      field: 'prompt',
      severity: 'error',
    },
  ],
};

function Harness({ onValue }: { onValue(value: Record<string, unknown>): void }) {
  const [value, setValue] = useState<Record<string, unknown>>({});
  return (
    <ObjectFields
      schema={schema}
      value={value}
      path=""
      ctx={ctx}
      onChange={(next) => {
        setValue(next);
        onValue(next);
      }}
    />
  );
}

afterEach(cleanup);

describe('schema form', () => {
  it('shows a validation problem on its field', () => {
    render(<Harness onValue={() => {}} />);
    expect(screen.getByRole('alert').textContent).toContain('give the model a prompt');
  });

  it('offers upstream outputs after {{ and inserts the chosen reference', async () => {
    let last: Record<string, unknown> = {};
    render(<Harness onValue={(v) => (last = v)} />);
    const prompt = document.getElementById('f-answer-prompt') as HTMLTextAreaElement;
    fireEvent.change(prompt, { target: { value: 'Use {{ kb.t', selectionStart: 11 } });
    expect(screen.getByTestId('reference-suggestions').textContent).toContain('kb.text');
    await act(async () => {
      fireEvent.keyDown(prompt, { key: 'Enter' });
    });
    expect(last.prompt).toBe('Use {{ kb.text }}');
  });

  it('keeps optional tuning fields behind "More options" until they hold a value', () => {
    render(<Harness onValue={() => {}} />);
    const more = document.querySelector('details.more-options');
    expect(more?.textContent).toContain('Mode');
    expect(more?.textContent).toContain('Stream');
  });
});
