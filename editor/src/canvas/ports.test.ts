import type { FlowNode } from '@tailor/runtime/contract';
import { describe, expect, it } from 'vitest';
import type { CatalogueEntry } from '../api/schemas.js';
import { portsOfNode } from './ports.js';

const entry = (ports: string[]): CatalogueEntry => ({
  type: 'x',
  version: 1,
  title: { en: 'X', zh: 'X' },
  description: { en: '', zh: '' },
  category: 'logic',
  ports,
  dynamicPorts: false,
  rawFields: [],
  configSchema: {},
  outputSchema: {},
});
const node = (config: Record<string, unknown>, onError: FlowNode['onError'] = 'fail'): FlowNode => ({
  id: 'n',
  type: 'x',
  config,
  onError,
});

const dynamic = { ...entry(['out']), dynamicPorts: true };

describe('portsOfNode', () => {
  it('uses the catalogue ports of a fixed-port node', () => {
    expect(portsOfNode(entry(['pass', 'block']), node({}))).toEqual(['pass', 'block']);
  });
  it('gives a condition one port per case and else', () => {
    expect(portsOfNode(dynamic, node({ cases: [{ port: 'vip' }, { port: 'angry' }] }))).toEqual([
      'vip',
      'angry',
      'else',
    ]);
  });
  it('gives a classifier one port per class', () => {
    expect(portsOfNode(dynamic, node({ classes: [{ name: 'refund' }, 'billing'] }))).toEqual(['refund', 'billing']);
  });
  it('adds the error port when failures are routed', () => {
    expect(portsOfNode(entry(['out']), node({}, 'port'))).toEqual(['out', 'error']);
  });
});
