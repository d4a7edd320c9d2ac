import type { RunEvent, RunEventOf } from '@tailor/runtime';

/** ANSI colours for a terminal; plain text when stderr is a pipe or NO_COLOR is set. */
export interface Palette {
  green(text: string): string;
  red(text: string): string;
  yellow(text: string): string;
  dim(text: string): string;
}

const paint = (code: number) => (text: string) => `\u001b[${code}m${text}\u001b[0m`;
const plain = (text: string) => text;

export function paletteFor(isTTY: boolean | undefined, env: Readonly<Record<string, string | undefined>>): Palette {
  const colour = isTTY === true && env.NO_COLOR === undefined && env.TERM !== 'dumb';
  return colour
    ? { green: paint(32), red: paint(31), yellow: paint(33), dim: paint(2) }
    : { green: plain, red: plain, yellow: plain, dim: plain };
}

type NodeEvent = Exclude<RunEvent, RunEventOf<'run.start'> | RunEventOf<'run.end'>>;

/** `each[2] › draft` for a node of a loop body, `draft` for a node of the flow. */
function nodeName(event: NodeEvent): string {
  const scope = event.scope ?? [];
  const parts: string[] = [];
  for (let index = 0; index < scope.length; index += 2) {
    const label = scope[index + 1];
    parts.push(label === undefined ? `${scope[index]}` : `${scope[index]}[${label}]`);
  }
  return [...parts, event.nodeId].join(' › ');
}

const milliseconds = (ms: number) => `${Math.round(ms)} ms`;

/**
 * Turns run events into one stderr line per node as it ends, is skipped or fails. Node types come
 * from `node.start` (or the flow's own nodes, for a node skipped before it started).
 */
export class RunProgress {
  readonly #types = new Map<string, string>();

  constructor(
    readonly palette: Palette,
    flowTypes: ReadonlyMap<string, string>,
  ) {
    for (const [id, type] of flowTypes) this.#types.set(id, type);
  }

  line(event: RunEvent): string | undefined {
    switch (event.type) {
      case 'node.start':
        this.#types.set(nodeName(event), event.nodeType);
        return undefined;
      case 'node.end':
        return this.#row(
          this.palette.green('✓'),
          event,
          milliseconds(event.durationMs),
          this.#attempts(event.attempts),
        );
      case 'node.skip':
        return this.#row(this.palette.dim('↷'), event, this.palette.dim(`skipped: ${event.reason}`));
      case 'node.error': {
        const handled =
          event.handled === 'fail'
            ? ''
            : `  (handled: ${event.handled === 'port' ? '"error" port' : 'fallback output'})`;
        const mark = event.handled === 'fail' ? this.palette.red('✗') : this.palette.yellow('!');
        const error = `${event.error.code}: ${event.error.message}${handled}`;
        return this.#row(mark, event, milliseconds(event.durationMs), this.#attempts(event.attempts), error);
      }
      case 'run.end':
        return this.#summary(event);
      default:
        return undefined;
    }
  }

  #attempts(attempts: number): string {
    return attempts > 1 ? `${attempts} attempts` : '';
  }

  #row(mark: string, event: NodeEvent, ...details: string[]): string {
    const name = nodeName(event);
    const type = this.#types.get(name) ?? this.#types.get(event.nodeId) ?? '';
    const columns = [`${mark} ${name.padEnd(16)}`, this.palette.dim(type.padEnd(10)), ...details.filter(Boolean)];
    return `${columns.join('  ')}\n`;
  }

  #summary(event: RunEventOf<'run.end'>): string {
    const usage = event.usage ? `, ${event.usage.input} tokens in, ${event.usage.output} out` : '';
    const took = milliseconds(event.durationMs);
    if (event.status === 'succeeded') return this.palette.green(`Run succeeded in ${took}${usage}.\n`);
    const error = event.error ? `: ${event.error.message}` : '.';
    if (event.status === 'cancelled') return this.palette.yellow(`Run cancelled after ${took}${error}\n`);
    return this.palette.red(`Run failed after ${took}${error}\n`);
  }
}
