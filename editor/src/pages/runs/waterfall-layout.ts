import type { NodeRecord } from '@tailor/runtime/contract';

/** One row of the waterfall: a node (or the header of a nested body) placed on the run's time axis. */
export interface WaterfallRow {
  /** Unique across nesting: `loop/item 3/summarise`. */
  key: string;
  kind: 'node' | 'group';
  label: string;
  depth: number;
  node?: NodeRecord;
  /** Offset from the run's start and length, in ms; absent for nodes that never started. */
  offsetMs?: number;
  durationMs?: number;
  /** Percent of the axis, for CSS. */
  left: number;
  width: number;
  /** True when another row at the same depth ran during this one (a parallel branch). */
  parallel: boolean;
}

export interface Waterfall {
  totalMs: number;
  rows: WaterfallRow[];
}

interface Span {
  start: number;
  end: number;
}

function spanOf(node: NodeRecord, now: number): Span | undefined {
  if (node.startedAt === undefined) return undefined;
  const end = node.endedAt ?? (node.durationMs !== undefined ? node.startedAt + node.durationMs : now);
  return { start: node.startedAt, end: Math.max(end, node.startedAt) };
}

function collect(
  nodes: NodeRecord[],
  depth: number,
  prefix: string,
  now: number,
  out: Omit<WaterfallRow, 'left' | 'width' | 'parallel'>[],
) {
  for (const node of nodes) {
    const key = `${prefix}${node.nodeId}`;
    const span = spanOf(node, now);
    out.push({
      key,
      kind: 'node',
      label: node.nodeId,
      depth,
      node,
      ...(span ? { offsetMs: span.start, durationMs: span.end - span.start } : {}),
    });
    for (const child of node.children ?? []) {
      out.push({ key: `${key}/${child.label}`, kind: 'group', label: child.label, depth: depth + 1 });
      collect(child.nodes, depth + 2, `${key}/${child.label}/`, now, out);
    }
  }
}

/** Marks rows whose bar overlaps another bar at the same depth: those ran side by side. */
function markParallel(rows: WaterfallRow[]): void {
  for (const row of rows) {
    if (row.offsetMs === undefined || row.durationMs === undefined) continue;
    const start = row.offsetMs;
    const end = start + row.durationMs;
    row.parallel = rows.some(
      (other) =>
        other !== row &&
        other.depth === row.depth &&
        other.offsetMs !== undefined &&
        other.durationMs !== undefined &&
        other.offsetMs < end &&
        start < other.offsetMs + other.durationMs,
    );
  }
}

/**
 * Lays a run's node records out on one time axis from the run's start: one row per node in start
 * order, nested loop items and agent tool calls indented under their node, bars in percent.
 * `now` closes the bars of nodes still running.
 */
export function layoutWaterfall(
  run: { startedAt: number; durationMs?: number; nodes: NodeRecord[] },
  now: number,
): Waterfall {
  const raw: Omit<WaterfallRow, 'left' | 'width' | 'parallel'>[] = [];
  collect(run.nodes, 0, '', now, raw);
  let end = run.startedAt + (run.durationMs ?? 0);
  for (const row of raw) if (row.offsetMs !== undefined) end = Math.max(end, row.offsetMs + (row.durationMs ?? 0));
  const totalMs = Math.max(end - run.startedAt, 1);
  const rows: WaterfallRow[] = raw.map((row) => {
    if (row.offsetMs === undefined) return { ...row, left: 0, width: 0, parallel: false };
    const offsetMs = row.offsetMs - run.startedAt;
    const durationMs = row.durationMs ?? 0;
    return {
      ...row,
      offsetMs,
      durationMs,
      left: (offsetMs / totalMs) * 100,
      width: (durationMs / totalMs) * 100,
      parallel: false,
    };
  });
  // Group headers span their children.
  for (const [index, row] of rows.entries()) {
    if (row.kind !== 'group') continue;
    const children = rows.slice(index + 1).filter((r) => r.key.startsWith(`${row.key}/`) && r.offsetMs !== undefined);
    if (children.length === 0) continue;
    const start = Math.min(...children.map((c) => c.offsetMs ?? 0));
    const stop = Math.max(...children.map((c) => (c.offsetMs ?? 0) + (c.durationMs ?? 0)));
    Object.assign(row, {
      offsetMs: start,
      durationMs: stop - start,
      left: (start / totalMs) * 100,
      width: ((stop - start) / totalMs) * 100,
    });
  }
  markParallel(rows);
  return { totalMs, rows };
}

/** Round tick positions for the time axis (1, 2 or 5 × 10ⁿ ms apart), about `count` of them. */
export function axisTicks(totalMs: number, count = 5): number[] {
  const rough = totalMs / count;
  const power = 10 ** Math.floor(Math.log10(Math.max(rough, 1)));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= rough) ?? power * 10;
  const ticks: number[] = [];
  for (let t = 0; t <= totalMs + 1e-9; t += step) ticks.push(t);
  return ticks;
}
