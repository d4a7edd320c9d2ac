export interface Series {
  label: string;
  /** One value per bucket; undefined leaves a gap. */
  values: (number | undefined)[];
  kind: 'bars' | 'line';
  colour: string;
}

interface Props {
  title: string;
  /** The headline figure beside the title. */
  value: string;
  series: Series[];
  format(value: number): string;
  /** Times of the range's start and end, under the chart. */
  axis?: { start: string; end: string };
  testId?: string;
}

const W = 320;
const H = 110;
const PAD = 4;

function linePath(values: (number | undefined)[], x: (i: number) => number, y: (v: number) => number): string {
  let path = '';
  let drawing = false;
  for (const [i, v] of values.entries()) {
    if (v === undefined) {
      drawing = false;
      continue;
    }
    path += `${drawing ? 'L' : 'M'}${x(i).toFixed(1)},${y(v).toFixed(1)}`;
    drawing = true;
  }
  return path;
}

/** A small time chart drawn as SVG: bars or lines over the buckets, scaled to the largest value. */
export function MetricsChart({ title, value, series, format, axis, testId }: Props) {
  const count = Math.max(...series.map((s) => s.values.length), 1);
  const max = Math.max(...series.flatMap((s) => s.values.filter((v): v is number => v !== undefined)), 0) || 1;
  const step = (W - PAD * 2) / count;
  const x = (i: number) => PAD + step * i + step / 2;
  const y = (v: number) => H - PAD - (v / max) * (H - PAD * 2);
  return (
    <figure className="panel-card metric" data-testid={testId}>
      <figcaption className="metric-head">
        <span>{title}</span>
        <strong>{value}</strong>
      </figcaption>
      <svg viewBox={`0 0 ${W} ${H}`} className="metric-svg" role="img" aria-label={title} preserveAspectRatio="none">
        <line x1={PAD} x2={W - PAD} y1={H - PAD} y2={H - PAD} className="metric-base" />
        {series.map((s) =>
          s.kind === 'bars' ? (
            <g key={s.label} fill={s.colour}>
              {s.values.map((v, i) =>
                v ? (
                  // biome-ignore lint/suspicious/noArrayIndexKey: buckets are positional
                  <rect key={i} x={x(i) - step * 0.35} width={step * 0.7} y={y(v)} height={H - PAD - y(v)} rx={1.5}>
                    <title>{`${s.label}: ${format(v)}`}</title>
                  </rect>
                ) : null,
              )}
            </g>
          ) : (
            <g key={s.label} fill={s.colour}>
              <path
                d={linePath(s.values, x, y)}
                fill="none"
                stroke={s.colour}
                strokeWidth={2}
                vectorEffect="non-scaling-stroke"
              />
              {s.values.map((v, i) =>
                v === undefined ? null : (
                  // biome-ignore lint/suspicious/noArrayIndexKey: buckets are positional
                  <circle key={i} cx={x(i)} cy={y(v)} r={2.5}>
                    <title>{`${s.label}: ${format(v)}`}</title>
                  </circle>
                ),
              )}
            </g>
          ),
        )}
      </svg>
      {axis && (
        <div className="metric-axis small muted">
          <span>{axis.start}</span>
          <span>{axis.end}</span>
        </div>
      )}
      <div className="metric-legend small muted">
        {series.map((s) => (
          <span key={s.label}>
            <i style={{ background: s.colour }} /> {s.label}
          </span>
        ))}
        <span className="metric-max">max {format(max)}</span>
      </div>
    </figure>
  );
}
