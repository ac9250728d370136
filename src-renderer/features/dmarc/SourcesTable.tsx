import { Fragment, useState } from 'react';
import type { DmarcSourcesReport } from '../../../src-preload/api/dmarc';
import { useScrollFocus } from '../../components/scroll-focus';
import { StatusChip } from '../../components/Status';
import { percent } from './chart-scale';

type Source = DmarcSourcesReport['sources'][number];
/** Marks (true) or unmarks (false) a sending domain as legitimate for the report's domain. */
export type OnMark = (sender: string, legitimate: boolean) => void;

/**
 * Who sends as the domain: one row per source IP, counts with their share, Postmark tagged, strangers flagged.
 * Each row expands to its SPF and DKIM domains and results, where a sending domain can be marked legitimate.
 */
export function SourcesTable({ report, onMark }: { report: DmarcSourcesReport; onMark?: OnMark }) {
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  const box = useScrollFocus<HTMLDivElement>();
  const toggle = (ip: string) =>
    setOpen((cur) => {
      const next = new Set(cur);
      if (next.has(ip)) next.delete(ip);
      else next.add(ip);
      return next;
    });
  if (report.sources.length === 0) return <p className="muted">No report rows for this domain in this period.</p>;
  const { omitted } = report;
  return (
    <>
      {omitted.sources > 0 && (
        <p className="muted small" data-testid="sources-omitted">
          The {report.sources.length.toLocaleString()} largest of {report.counts.sources.toLocaleString()} sources. {omitted.sources.toLocaleString()} smaller
          ones sent {omitted.messages.toLocaleString()} message(s) ({percent(omitted.messages, report.messages)}); all of them:{' '}
          <code>behalf dmarc sources --domain {report.domain} --json</code>
        </p>
      )}
      <div className="dtable-wrap" role="region" aria-label="Sending sources, scrollable" ref={box.ref} tabIndex={box.tabIndex}>
        <table className="dtable" aria-label="Sending sources">
          <thead>
            <tr>
              <th>Source IP</th>
              <th>Reverse DNS</th>
              <th className="num">Messages</th>
              <th className="num">SPF aligned</th>
              <th className="num">DKIM aligned</th>
              <th className="num">DMARC pass</th>
              <th className="num" title="Failure reports (ruf) about this source">
                Failure reports
              </th>
              <th>Sender</th>
            </tr>
          </thead>
          <tbody>
            {report.sources.map((s) => (
              <Fragment key={s.ip}>
                <tr data-testid={`source-${s.ip}`} className={s.flag === 'unknown-failing' ? 'flagged' : undefined}>
                  <td className="mono">
                    <button
                      type="button"
                      className="btn link disclosure"
                      aria-expanded={open.has(s.ip)}
                      aria-controls={`auth-${s.ip}`}
                      aria-label={`SPF and DKIM of ${s.ip}`}
                      onClick={() => toggle(s.ip)}
                    >
                      {open.has(s.ip) ? '▾' : '▸'}
                    </button>{' '}
                    {s.ip}
                  </td>
                  <td className="mono ptr">{s.ptr ?? <span className="muted">—</span>}</td>
                  <td className="num" data-col="count">
                    {s.count.toLocaleString()}
                  </td>
                  <Ratio n={s.spfAligned} of={s.count} col="spf" />
                  <Ratio n={s.dkimAligned} of={s.count} col="dkim" />
                  <Ratio n={s.dmarcPass} of={s.count} col="dmarc" />
                  <td className="num" data-col="ruf">
                    {s.failureReports ? s.failureReports.toLocaleString() : <span className="muted">—</span>}
                  </td>
                  <td>
                    <Sender source={s} tenant={report.tenant} />
                  </td>
                </tr>
                {open.has(s.ip) && (
                  <tr id={`auth-${s.ip}`} className="auth-detail" data-testid={`auth-${s.ip}`}>
                    <td colSpan={8}>
                      <AuthDetail source={s} legitimate={report.legitimate} onMark={onMark} />
                    </td>
                  </tr>
                )}
              </Fragment>
            ))}
          </tbody>
        </table>
      </div>
    </>
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

/** The SPF and DKIM results behind a source, each sending domain with its "Mark as legitimate sender" action. */
function AuthDetail({ source: s, legitimate, onMark }: { source: Source; legitimate: string[]; onMark?: OnMark }) {
  const marked = new Set(legitimate);
  const mark = (domain: string, result: string) => {
    if (!domain || !onMark || s.postmark) return null;
    if (marked.has(domain)) {
      return (
        <button type="button" className="btn small" onClick={() => onMark(domain, false)}>
          Unmark {domain}
        </button>
      );
    }
    return result === 'pass' ? (
      <button type="button" className="btn small" onClick={() => onMark(domain, true)}>
        Mark {domain} as legitimate sender
      </button>
    ) : null;
  };
  const resultChip = (r: string) => <StatusChip tone={r === 'pass' ? 'ok' : r ? 'failing' : 'unknown'} label={r || 'none'} />;
  return (
    <div className="auth-lists">
      <div>
        <h3>SPF</h3>
        {s.spf.length === 0 ? (
          <p className="muted">No SPF result reported.</p>
        ) : (
          <ul aria-label={`SPF results of ${s.ip}`}>
            {s.spf.map((a) => (
              <li key={`${a.domain} ${a.result}`}>
                <span className="mono">{a.domain || '(no domain)'}</span> {resultChip(a.result)} <span className="muted">{a.count.toLocaleString()} msgs</span>{' '}
                {mark(a.domain, a.result)}
              </li>
            ))}
          </ul>
        )}
      </div>
      <div>
        <h3>DKIM</h3>
        {s.dkim.length === 0 ? (
          <p className="muted">No DKIM signature reported.</p>
        ) : (
          <ul aria-label={`DKIM results of ${s.ip}`}>
            {s.dkim.map((a) => (
              <li key={`${a.domain} ${a.selector} ${a.result}`}>
                <span className="mono">
                  {a.domain || '(no domain)'}
                  {a.selector ? ` (s=${a.selector})` : ''}
                </span>{' '}
                {resultChip(a.result)} <span className="muted">{a.count.toLocaleString()} msgs</span> {mark(a.domain, a.result)}
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}

function Sender({ source: s, tenant }: { source: Source; tenant: DmarcSourcesReport['tenant'] }) {
  if (s.postmark) {
    return (
      <span className="sender">
        <span
          className="pm-tag"
          title={
            s.postmarkBy === 'dkim'
              ? 'Postmark, recognised by its DKIM signature'
              : tenant
                ? `Postmark, sending for ${tenant.name}`
                : 'Postmark (PTR under mtasv.net)'
          }
        >
          Postmark{tenant ? ` · ${tenant.name}` : ''}
        </span>
        {s.postmarkBy === 'dkim' && <span className="muted small"> by DKIM</span>}
        {s.flag === 'postmark-unaligned' && <StatusChip tone="warning" label="not aligned" />}
      </span>
    );
  }
  if (s.legitimate) return <StatusChip tone="info" label={`legitimate: ${s.legitimate}`} />;
  if (s.flag === 'unknown-failing') return <StatusChip tone="failing" label="unknown, failing" />;
  return <span className="muted">other</span>;
}
