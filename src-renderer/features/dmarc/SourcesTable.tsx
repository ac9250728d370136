import type { DmarcSourcesReport } from '../../../src-preload/api/dmarc';
import { StatusChip } from '../../components/Status';
import { percent } from './chart-scale';

type Source = DmarcSourcesReport['sources'][number];

/** Who sends as the domain: one row per source IP, counts with their share, Postmark tagged, strangers flagged. */
export function SourcesTable({ report }: { report: DmarcSourcesReport }) {
  if (report.sources.length === 0) return <p className="muted">No report rows for this domain in this period.</p>;
  return (
    <div className="dtable-wrap">
      <table className="dtable" aria-label="Sending sources">
        <thead>
          <tr>
            <th>Source IP</th><th>Reverse DNS</th><th className="num">Messages</th><th className="num">SPF aligned</th>
            <th className="num">DKIM aligned</th><th className="num">DMARC pass</th><th className="num" title="Failure reports (ruf) about this source">Failure reports</th><th>Sender</th>
          </tr>
        </thead>
        <tbody>
          {report.sources.map((s) => (
            <tr key={s.ip} data-testid={`source-${s.ip}`} className={s.flag === 'unknown-failing' ? 'flagged' : undefined}>
              <td className="mono">{s.ip}</td>
              <td className="mono ptr">{s.ptr ?? <span className="muted">—</span>}</td>
              <td className="num" data-col="count">{s.count.toLocaleString()}</td>
              <Ratio n={s.spfAligned} of={s.count} col="spf" />
              <Ratio n={s.dkimAligned} of={s.count} col="dkim" />
              <Ratio n={s.dmarcPass} of={s.count} col="dmarc" />
              <td className="num" data-col="ruf">{s.failureReports ? s.failureReports.toLocaleString() : <span className="muted">—</span>}</td>
              <td><Sender source={s} tenant={report.tenant} /></td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Ratio({ n, of, col }: { n: number; of: number; col: string }) {
  const share = of > 0 ? n / of : 0;
  return (
    <td className="num" data-col={col}>
      {n.toLocaleString()} <span className={`muted pct${share < 0.5 ? ' low' : ''}`}>({percent(n, of)})</span>
    </td>
  );
}

function Sender({ source: s, tenant }: { source: Source; tenant: DmarcSourcesReport['tenant'] }) {
  if (s.postmark) {
    return (
      <span className="sender">
        <span className="pm-tag" title={tenant ? `Postmark, sending for ${tenant.name}` : 'Postmark (PTR under mtasv.net)'}>Postmark{tenant ? ` · ${tenant.name}` : ''}</span>
        {s.flag === 'postmark-unaligned' && <StatusChip tone="warning" label="not aligned" />}
      </span>
    );
  }
  if (s.flag === 'unknown-failing') return <StatusChip tone="failing" label="unknown, failing" />;
  return <span className="muted">other</span>;
}
