// A small hand-rolled SVG chart: bars for categories, a line for time. Values come already measured;
// the chart only scales them. Screen readers get the figures as a list in the title.
export interface ChartPoint {
  label: string;
  value: number | null;
}

const W = 640;
const PAD = { top: 12, right: 34, bottom: 28, left: 150 };
const BAR_H = 18;
const LINE_H = 200;
const COLOUR = '#2f6fb2';

export function Chart({ title, points, format, kind, max: fixedMax }: { title: string; points: ChartPoint[]; format: (v: number | null) => string; kind: 'bar' | 'line'; max?: number }) {
  const values = points.map((p) => p.value ?? 0);
  const max = fixedMax ?? (Math.max(0, ...values) || 1);
  const summary = `${title}: ${points.map((p) => `${p.label} ${format(p.value)}`).join(', ')}`;
  if (!points.length) return <p className="chart-empty">No data for the chart.</p>;

  if (kind === 'bar') {
    const height = PAD.top + points.length * (BAR_H + 6) + 4;
    const span = W - PAD.left - PAD.right - 70;
    return (
      <figure className="chart">
        <svg viewBox={`0 0 ${W} ${height}`} role="img" aria-label={summary} data-chart="bar">
          <title>{summary}</title>
          {points.map((p, i) => {
            const y = PAD.top + i * (BAR_H + 6);
            const w = Math.max(((p.value ?? 0) / max) * span, p.value ? 1 : 0);
            return (
              <g key={i}>
                <text x={PAD.left - 6} y={y + BAR_H * 0.7} textAnchor="end" fontSize="12">
                  {p.label.length > 24 ? `${p.label.slice(0, 23)}…` : p.label}
                </text>
                <rect x={PAD.left} y={y} width={w} height={BAR_H} fill={COLOUR} rx="2" />
                <text x={PAD.left + w + 4} y={y + BAR_H * 0.7} fontSize="12">
                  {format(p.value)}
                </text>
              </g>
            );
          })}
        </svg>
        <figcaption>{title}</figcaption>
      </figure>
    );
  }

  const left = 60;
  const plotW = W - left - PAD.right;
  const x = (i: number) => left + (points.length === 1 ? plotW / 2 : (i * plotW) / (points.length - 1));
  const y = (v: number) => PAD.top + LINE_H - (v / max) * LINE_H;
  const defined = points.map((p, i) => ({ ...p, i })).filter((p) => p.value !== null);
  const path = defined.map((p, k) => `${k ? 'L' : 'M'}${x(p.i).toFixed(1)},${y(p.value!).toFixed(1)}`).join(' ');
  const every = Math.max(1, Math.ceil(points.length / 8));
  return (
    <figure className="chart">
      <svg viewBox={`0 0 ${W} ${PAD.top + LINE_H + PAD.bottom}`} role="img" aria-label={summary} data-chart="line">
        <title>{summary}</title>
        {[0, 0.5, 1].map((f) => (
          <g key={f}>
            <line x1={left} x2={W - PAD.right} y1={y(max * f)} y2={y(max * f)} stroke="#d5dbe3" />
            <text x={left - 6} y={y(max * f) + 4} textAnchor="end" fontSize="11">
              {format(max * f)}
            </text>
          </g>
        ))}
        <path d={path} fill="none" stroke={COLOUR} strokeWidth="2" />
        {defined.map((p) => (
          <circle key={p.i} cx={x(p.i)} cy={y(p.value!)} r="3.5" fill={COLOUR}>
            <title>{`${p.label}: ${format(p.value)}`}</title>
          </circle>
        ))}
        {points.map((p, i) =>
          i % every === 0 ? (
            <text key={i} x={x(i)} y={PAD.top + LINE_H + 18} textAnchor="middle" fontSize="11">
              {p.label}
            </text>
          ) : null,
        )}
      </svg>
      <figcaption>{title}</figcaption>
    </figure>
  );
}
