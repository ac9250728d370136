import type { DmarcCharts } from '../../../src-preload/api/dmarc';
import { dayLabel, labelIndexes, niceMax, OTHER_COLOUR, SERIES_COLOURS, shortNumber, ticks } from './chart-scale';

const W = 600;
const H = 230;
const M = { top: 14, right: 16, bottom: 40, left: 50 };

type Volume = DmarcCharts['sourceVolume'];

/** Messages per day stacked by source (the largest sources, the rest as "other"), legend below. */
export function SourceChart({ domain, volume }: { domain: string; volume: Volume }) {
  const { days, series } = volume;
  const innerW = W - M.left - M.right;
  const innerH = H - M.top - M.bottom;
  const totals = days.map((_, i) => series.reduce((n, s) => n + (s.messages[i] ?? 0), 0));
  const max = niceMax(Math.max(0, ...totals));
  const slot = innerW / Math.max(1, days.length);
  const barW = Math.max(2, Math.min(36, slot * 0.7));
  const x = (i: number) => M.left + slot * i + slot / 2;
  const h = (n: number) => (n / max) * innerH;
  const colour = (key: string, k: number) => (key === 'other' ? OTHER_COLOUR : SERIES_COLOURS[k % SERIES_COLOURS.length]!);
  const labels = labelIndexes(days.length);
  const bottoms = days.map(() => M.top + innerH);

  return (
    <figure className="chart" data-testid="source-chart">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby="sc-title sc-desc">
        <title id="sc-title">{`Messages per day by sending source for ${domain}`}</title>
        <desc id="sc-desc">{`${series.length} sources over ${days.length} days.`}</desc>
        {ticks(max).map((t) => (
          <g key={t} className="grid-line">
            <line x1={M.left} x2={W - M.right} y1={M.top + innerH - h(t)} y2={M.top + innerH - h(t)} />
            <text x={M.left - 6} y={M.top + innerH - h(t) + 4} textAnchor="end">
              {shortNumber(t)}
            </text>
          </g>
        ))}
        {series.map((s, k) => (
          <g key={s.key} data-series={s.key} fill={colour(s.key, k)}>
            {s.messages.map((n, i) => {
              if (n <= 0) return null;
              const y = bottoms[i]! - h(n);
              bottoms[i] = y;
              return (
                <rect key={i} className="bar-source" x={x(i) - barW / 2} y={y} width={barW} height={h(n)}>
                  <title>{`${days[i]}: ${n} messages from ${label(s)}`}</title>
                </rect>
              );
            })}
          </g>
        ))}
        {days.map(
          (d, i) =>
            labels.has(i) && (
              <text key={d} className="axis-text" x={x(i)} y={H - M.bottom + 16} textAnchor="middle">
                {dayLabel(d)}
              </text>
            ),
        )}
        <text className="axis-title" transform={`translate(12 ${M.top + innerH / 2}) rotate(-90)`} textAnchor="middle">
          messages
        </text>
        <text className="axis-title" x={M.left + innerW / 2} y={H - 4} textAnchor="middle">
          day (UTC)
        </text>
      </svg>
      <figcaption className="legend" aria-label="Sources">
        {series.map((s, k) => (
          <span key={s.key} data-testid="source-legend">
            <i className="swatch" style={{ background: colour(s.key, k) }} />
            <span className="mono">{s.key === 'other' ? 'other sources' : s.key}</span>
            {s.ptr && <span className="muted"> {s.ptr}</span>}
            {s.postmark && <span className="pm-tag">Postmark</span>}
          </span>
        ))}
      </figcaption>
    </figure>
  );
}

function label(s: Volume['series'][number]): string {
  if (s.key === 'other') return 'other sources';
  return s.ptr ? `${s.key} (${s.ptr})` : s.key;
}
