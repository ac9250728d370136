import type { HealthDay, HealthThresholds } from '../../../src-preload/api/health';
import { dayLabel, labelIndexes, niceMax, shortNumber, ticks } from '../dmarc/chart-scale';

const W = 1000;
const H = 270;
const M = { top: 14, right: 60, bottom: 40, left: 56 };
const RATE_TICKS = [0, 0.1, 0.3, 1, 3, 10, 30, 100];

/**
 * Sent per day as bars; bounce and complaint rates as lines on a second axis in percent. The rate axis is a square
 * root scale: complaints live around 0.1 % and bounces around 10 %, and on a straight scale the complaint line
 * would lie flat on zero. The limits from Settings are drawn as dashed lines so "over the line" is visible.
 */
export function HealthChart({ name, days, thresholds }: { name: string; days: HealthDay[]; thresholds: HealthThresholds }) {
  const innerW = W - M.left - M.right;
  const innerH = H - M.top - M.bottom;
  const max = niceMax(Math.max(0, ...days.map((d) => d.sent)));
  const rateOf = (part: number, sent: number) => (sent > 0 ? (part / sent) * 100 : null);
  const rates = days.map((d) => ({ bounce: rateOf(d.bounced, d.sent), complaint: rateOf(d.complaints, d.sent) }));
  const topRate = Math.max(thresholds.bounceRateMax * 1.2, ...rates.map((r) => r.bounce ?? 0), ...rates.map((r) => r.complaint ?? 0));
  const rateMax = RATE_TICKS.find((t) => t >= topRate) ?? 100;
  const slot = innerW / Math.max(1, days.length);
  const barW = Math.max(2, Math.min(30, slot * 0.7));
  const x = (i: number) => M.left + slot * i + slot / 2;
  const ySent = (n: number) => M.top + innerH - (n / max) * innerH;
  const yRate = (r: number) => M.top + innerH - Math.sqrt(Math.min(r, rateMax) / rateMax) * innerH;
  const line = (pick: 'bounce' | 'complaint') =>
    rates.flatMap((r, i) => (r[pick] === null ? [] : [`${x(i).toFixed(1)},${yRate(r[pick]!).toFixed(1)}`])).join(' ');
  const labels = labelIndexes(days.length, 12);
  // On the √ scale the small ticks crowd together near zero: keep only those at least a line of text apart.
  const rateTicks = RATE_TICKS.filter((t) => t <= rateMax)
    .reverse()
    .reduce<number[]>((kept, t) => (kept.length === 0 || yRate(t) - yRate(kept[kept.length - 1]!) >= 14 ? [...kept, t] : kept), []);
  const total = days.reduce((n, d) => n + d.sent, 0);

  return (
    <figure className="chart" data-testid="health-chart">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby="hc-title hc-desc">
        <title id="hc-title">{`Mail sent per day, bounce and spam complaint rates for ${name}`}</title>
        <desc id="hc-desc">{`${days.length} days, ${total} sent. Dashed lines: the complaint limit ${thresholds.complaintRateMax}% and the bounce level ${thresholds.bounceRateMax}%.`}</desc>
        {ticks(max).map((t) => (
          <g key={t} className="grid-line">
            <line x1={M.left} x2={W - M.right} y1={ySent(t)} y2={ySent(t)} />
            <text x={M.left - 6} y={ySent(t) + 4} textAnchor="end">
              {shortNumber(t)}
            </text>
          </g>
        ))}
        {rateTicks.map((t) => (
          <text key={t} className="axis-text" x={W - M.right + 6} y={yRate(t) + 4}>{`${t}%`}</text>
        ))}
        {days.map((d, i) => (
          <rect key={d.day} className="bar-sent" x={x(i) - barW / 2} y={ySent(d.sent)} width={barW} height={Math.max(0, M.top + innerH - ySent(d.sent))} rx={2}>
            <title>{`${d.day}: ${d.sent} sent, ${d.bounced} bounced, ${d.complaints} spam complaints`}</title>
          </rect>
        ))}
        <line className="limit-complaint" x1={M.left} x2={W - M.right} y1={yRate(thresholds.complaintRateMax)} y2={yRate(thresholds.complaintRateMax)} />
        <line className="limit-bounce" x1={M.left} x2={W - M.right} y1={yRate(thresholds.bounceRateMax)} y2={yRate(thresholds.bounceRateMax)} />
        <polyline className="line-bounce" points={line('bounce')} />
        <polyline className="line-complaint" points={line('complaint')} />
        {days.map(
          (d, i) =>
            labels.has(i) && (
              <text key={d.day} className="axis-text" x={x(i)} y={H - M.bottom + 16} textAnchor="middle">
                {dayLabel(d.day)}
              </text>
            ),
        )}
        <text className="axis-title" transform={`translate(12 ${M.top + innerH / 2}) rotate(-90)`} textAnchor="middle">
          sent
        </text>
        <text className="axis-title" transform={`translate(${W - 8} ${M.top + innerH / 2}) rotate(90)`} textAnchor="middle">
          rate (√ scale)
        </text>
        <text className="axis-title" x={M.left + innerW / 2} y={H - 4} textAnchor="middle">
          day (US Eastern, as Postmark counts)
        </text>
      </svg>
      <figcaption className="legend">
        <span>
          <i className="swatch" style={{ background: 'var(--chart-volume)' }} />
          sent
        </span>
        <span>
          <i className="swatch line" style={{ background: 'var(--chart-bounce)' }} />
          bounce rate
        </span>
        <span>
          <i className="swatch line" style={{ background: 'var(--chart-complaint)' }} />
          spam complaint rate
        </span>
        <span className="muted">dashed: limits from Settings</span>
      </figcaption>
    </figure>
  );
}
