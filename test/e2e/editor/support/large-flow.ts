/**
 * A flow of `size` nodes for performance checks: one input, a grid of template nodes in chains of
 * ten (each referencing its predecessor), joined into one output. Positions are laid out so the
 * canvas opens on a dense, realistic graph.
 */
export function largeFlow(id: string, size: number): Record<string, unknown> {
  const nodes: Record<string, unknown>[] = [
    { id: 'start', type: 'input', config: { fields: [{ name: 'message', type: 'string' }] } },
  ];
  const edges: Record<string, unknown>[] = [];
  const positions: Record<string, { x: number; y: number }> = { start: { x: 0, y: 0 } };
  const body = size - 2;
  const chains = Math.ceil(body / 10);
  for (let i = 0; i < body; i += 1) {
    const chain = Math.floor(i / 10);
    const step = i % 10;
    const nodeId = `n${i}`;
    const previous = step === 0 ? 'start' : `n${i - 1}`;
    nodes.push({ id: nodeId, type: 'template', config: { template: `{{ ${previous} }} · ${step}` } });
    edges.push({ from: previous, to: nodeId });
    positions[nodeId] = { x: 300 + step * 280, y: (chain - chains / 2) * 130 };
  }
  nodes.push({ id: 'end', type: 'output', config: { value: `{{ n${body - 1}.text }}` } });
  for (let chain = 0; chain < chains; chain += 1)
    edges.push({ from: `n${Math.min(body - 1, chain * 10 + 9)}`, to: 'end' });
  positions.end = { x: 300 + 10 * 280, y: 0 };
  return { schema: 'tailor.flow/v1', id, name: `${size} nodes`, nodes, edges, ui: { positions } };
}
