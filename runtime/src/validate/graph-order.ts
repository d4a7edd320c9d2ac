/**
 * Reachability over a graph of `size` nodes (numbered 0..size-1) given as successor lists:
 * strongly connected components (Tarjan, iterative so deep chains cannot overflow the stack), and
 * the ancestors of every node as bitsets filled in topological order, so "may node b read node a"
 * is one bit test. Cost: O(V + E) for the components, O(E · V / 32) word operations for the sets.
 */
export interface GraphOrder {
  /** Component of each node; components are numbered in topological order (sources first). */
  readonly component: Int32Array;
  /** The members of each component, in that order. */
  readonly members: readonly number[][];
  /** Components that form a cycle (more than one node, or a node with an edge to itself). */
  readonly cyclic: readonly number[];
  /** True when there is a path of edges from `from` to `to` (a node in a cycle reaches itself). */
  reaches(from: number, to: number): boolean;
}

interface Tarjan {
  component: Int32Array;
  count: number;
}

function tarjan(size: number, successors: readonly (readonly number[])[]): Tarjan {
  const index = new Int32Array(size).fill(-1);
  const low = new Int32Array(size);
  const onStack = new Uint8Array(size);
  const component = new Int32Array(size).fill(-1);
  const stack: number[] = [];
  const work: Array<[node: number, next: number]> = [];
  let counter = 0;
  let count = 0;
  for (let root = 0; root < size; root++) {
    if (index[root] !== -1) continue;
    work.push([root, 0]);
    while (work.length > 0) {
      const frame = work[work.length - 1] as [number, number];
      const [node, next] = frame;
      if (next === 0) {
        index[node] = low[node] = counter++;
        stack.push(node);
        onStack[node] = 1;
      }
      const out = successors[node] ?? [];
      if (next < out.length) {
        frame[1] = next + 1;
        const target = out[next] as number;
        if (index[target] === -1) work.push([target, 0]);
        else if (onStack[target]) low[node] = Math.min(low[node] as number, index[target] as number);
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low[parent[0]] = Math.min(low[parent[0]] as number, low[node] as number);
      if (low[node] === index[node]) {
        let member: number;
        do {
          member = stack.pop() as number;
          onStack[member] = 0;
          component[member] = count;
        } while (member !== node);
        count++;
      }
    }
  }
  return { component, count };
}

export function orderGraph(size: number, successors: readonly (readonly number[])[]): GraphOrder {
  const found = tarjan(size, successors);
  // Tarjan numbers components sinks first; flip so that sources come first.
  const component = found.component.map((c) => found.count - 1 - c);
  const members: number[][] = Array.from({ length: found.count }, () => []);
  for (let node = 0; node < size; node++) members[component[node] as number]?.push(node);
  const predecessors: number[][] = Array.from({ length: size }, () => []);
  const cyclicSet = new Set<number>();
  for (let node = 0; node < size; node++) {
    for (const target of successors[node] ?? []) {
      predecessors[target]?.push(node);
      if (component[target] === component[node]) cyclicSet.add(component[node] as number);
    }
  }
  const words = Math.ceil(size / 32);
  const ancestors: Uint32Array[] = [];
  for (const [c, group] of members.entries()) {
    const bits = new Uint32Array(words);
    for (const node of group) {
      for (const from of predecessors[node] ?? []) {
        const fromComponent = component[from] as number;
        if (fromComponent !== c) {
          const inherited = ancestors[fromComponent] as Uint32Array;
          for (let w = 0; w < words; w++) bits[w] = (bits[w] as number) | (inherited[w] as number);
        }
        bits[from >>> 5] = (bits[from >>> 5] as number) | (1 << (from & 31));
      }
    }
    ancestors.push(bits);
  }
  return {
    component,
    members,
    cyclic: [...cyclicSet].sort((a, b) => a - b),
    reaches(from, to) {
      const bits = ancestors[component[to] as number];
      return bits !== undefined && ((bits[from >>> 5] as number) & (1 << (from & 31))) !== 0;
    },
  };
}

/** The shortest cycle through `start` inside its component, as node numbers ending at `start`. */
export function cycleThrough(start: number, order: GraphOrder, successors: readonly (readonly number[])[]): number[] {
  const home = order.component[start];
  const previous = new Map<number, number>();
  const queue = [start];
  for (let head = 0; head < queue.length; head++) {
    const node = queue[head] as number;
    for (const target of successors[node] ?? []) {
      if (order.component[target] !== home) continue;
      if (target === start) {
        const path = [start];
        for (let at = node; at !== start; at = previous.get(at) as number) path.unshift(at);
        path.unshift(start);
        return path;
      }
      if (!previous.has(target)) {
        previous.set(target, node);
        queue.push(target);
      }
    }
  }
  return [start, start];
}
