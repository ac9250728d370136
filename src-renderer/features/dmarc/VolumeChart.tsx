import type { DmarcCharts } from '../../../src-preload/api/dmarc';
import { dayLabel, labelIndexes, niceMax, percent, shortNumber, ticks } from './chart-scale';

const W = 600;
const H = 230;
const M = { top: 14, right: 46, bottom: 40, left: 50 };

/** Messages per day as bars, with the DMARC pass rate as a line on a 0–100 % axis on the right. */
export function VolumeChart({ domain, days }: { domain: string; days: DmarcCharts['dailyVolume'] }) {
  const innerW = W - M.left - M.right;
  const innerH = H - M.top - M.bottom;
  const max = niceMax(Math.max(0, ...days.map((d) => d.messages)));
  const slot = innerW / Math.max(1, days.length);
  const barW = Math.max(2, Math.min(36, slot * 0.7));
  const x = (i: number) => M.left + slot * i + slot / 2;
  const yMsg = (n: number) => M.top + innerH - (n / max) * innerH;
  const yPct = (r: number) => M.top + innerH - r * innerH;
  const withMail = days.map((d, i) => ({ ...d, i })).filter((d) => d.messages > 0);
  const line = withMail.map((d) => `${x(d.i).toFixed(1)},${yPct(d.passing / d.messages).toFixed(1)}`).join(' ');
  const labels = labelIndexes(days.length);
  const total = days.reduce((n, d) => n + d.messages, 0);
  const passing = days.reduce((n, d) => n + d.passing, 0);

  return (
    <figure className="chart" data-testid="volume-chart">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby="vc-title vc-desc">
        <title id="vc-title">{`Messages and DMARC pass rate per day for ${domain}`}</title>
        <desc id="vc-desc">{`${days.length} days, ${total} messages, ${percent(passing, total)} passing DMARC.`}</desc>
        {ticks(max).map((t) => (
          <g key={t} className="grid-line">
            <line x1={M.left} x2={W - M.right} y1={yMsg(t)} y2={yMsg(t)} />
            <text x={M.left - 6} y={yMsg(t) + 4} textAnchor="end">
              {shortNumber(t)}
            </text>
          </g>
        ))}
        {[0, 0.5, 1].map((r) => (
          <text key={r} className="axis-text" x={W - M.right + 6} y={yPct(r) + 4}>{`${r * 100}%`}</text>
        ))}
        {days.map((d, i) => (
          <rect
            key={d.day}
            className="bar-volume"
            x={x(i) - barW / 2}
            y={yMsg(d.messages)}
            width={barW}
            height={Math.max(0, M.top + innerH - yMsg(d.messages))}
            rx={2}
          >
            <title>{`${d.day}: ${d.messages} messages, ${percent(d.passing, d.messages)} pass DMARC`}</title>
          </rect>
        ))}
        {withMail.length > 1 && <polyline className="line-pass" points={line} />}
        {withMail.map((d) => (
          <circle key={d.day} className="point-pass" cx={x(d.i)} cy={yPct(d.passing / d.messages)} r={3.5}>
            <title>{`${d.day}: ${percent(d.passing, d.messages)} pass DMARC (${d.passing} of ${d.messages})`}</title>
          </circle>
        ))}
        {days.map(
          (d, i) =>
            labels.has(i) && (
              <text key={d.day} className="axis-text" x={x(i)} y={H - M.bottom + 16} textAnchor="middle">
                {dayLabel(d.day)}
              </text>
            ),
        )}
        <text className="axis-title" transform={`translate(12 ${M.top + innerH / 2}) rotate(-90)`} textAnchor="middle">
          messages
        </text>
        <text className="axis-title" transform={`translate(${W - 8} ${M.top + innerH / 2}) rotate(90)`} textAnchor="middle">
          pass rate
        </text>
        <text className="axis-title" x={M.left + innerW / 2} y={H - 4} textAnchor="middle">
          day (UTC)
        </text>
      </svg>
      <figcaption className="legend">
        <span>
          <i className="swatch" style={{ background: 'var(--chart-volume)' }} />
          messages
        </span>
        <span>
          <i className="swatch line" style={{ background: 'var(--chart-pass)' }} />
          DMARC pass rate
        </span>
      </figcaption>
    </figure>
  );
}
