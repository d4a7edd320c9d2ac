import { FlowDocumentSchema } from '@tailor/runtime/contract';
import { describe, expect, it } from 'vitest';
import { connectionEdge, connectionTargets, outgoingEdges } from './connection-targets.js';

const graph = FlowDocumentSchema.parse({
  schema: 'tailor.flow/v1',
  id: 'f',
  name: 'F',
  nodes: ['start', 'check', 'yes', 'no', 'end', 'loose'].map((id) => ({ id, type: 'template', config: {} })),
  edges: [
    { from: 'start', to: 'check' },
    { from: 'check', port: 'true', to: 'yes' },
    { from: 'check', port: 'false', to: 'no' },
    { from: 'yes', to: 'end' },
  ],
});

describe('connectionTargets', () => {
  it('offers neither the node itself nor the nodes above it (the flow would loop)', () => {
    expect(connectionTargets(graph, 'yes', 'out')).toEqual(['loose', 'no']);
    expect(connectionTargets(graph, 'end', 'out')).toEqual(['loose', 'no']);
  });

  it('leaves out the nodes the same port already reaches, but not those of another port', () => {
    expect(connectionTargets(graph, 'check', 'true')).toEqual(['end', 'loose', 'no']);
    expect(connectionTargets(graph, 'check', 'false')).toEqual(['end', 'loose', 'yes']);
  });
});

describe('connectionEdge and outgoingEdges', () => {
  it('writes the default port as the canvas does and lists what leaves a node', () => {
    expect(connectionEdge('a', 'out', 'b')).toEqual({ from: 'a', to: 'b' });
    expect(connectionEdge('a', 'true', 'b')).toEqual({ from: 'a', to: 'b', port: 'true' });
    expect(outgoingEdges(graph, 'check').map((e) => e.to)).toEqual(['yes', 'no']);
  });
});
