import type { DmarcBuilt } from '../../../src-preload/api/dmarc';
import { StatusChip } from '../../components/Status';
import { TxtRecordView } from './TxtRecordView';

/** The record(s) to publish, what is published now, and the tag-by-tag difference. */
export function RecordOutput({ built: b }: { built: DmarcBuilt }) {
  const p = b.published;
  return (
    <>
      <div className="card">
        <h2>Record to publish</h2>
        <TxtRecordView
          name={b.name}
          value={b.value}
          note={b.strings.length > 1 ? `Longer than 255 characters: enter it as ${b.strings.length} quoted strings.` : undefined}
        />
        {b.authorizations.map((a) => (
          <div key={a.name} className="auth-record">
            <h3>Authorisation at {a.reportDomain}</h3>
            <p className="muted small">
              Reports go to another domain, so the owner of <span className="mono">{a.reportDomain}</span> (not this customer) publishes this record to accept
              them.
            </p>
            <TxtRecordView name={a.name} value={a.value} />
          </div>
        ))}
        {b.warnings.length > 0 && (
          <ul className="rec-warnings">
            {b.warnings.map((w) => (
              <li key={w}>⚠ {w}</li>
            ))}
          </ul>
        )}
      </div>
      <div className="card" data-testid="published">
        <h2>Published now</h2>
        <Published published={p} />
        {p.record !== null || !b.diff.identical ? <Diff diff={b.diff} /> : null}
      </div>
    </>
  );
}

function Published({ published: p }: { published: DmarcBuilt['published'] }) {
  const source =
    p.from === 'dns-check'
      ? `from the last DNS check${p.checkedAt ? ` (${p.checkedAt.replace('T', ' ').slice(0, 16)} UTC)` : ''}`
      : p.from === 'live'
        ? 'looked up just now'
        : 'not looked up';
  return (
    <div className="published">
      {p.record ? (
        <code className="mono block" data-testid="published-record">
          {p.record}
        </code>
      ) : (
        <StatusChip tone={p.error ? 'error' : 'unknown'} label={p.error ? 'could not look up' : 'none published'} />
      )}
      <div className="muted small">{source}</div>
      {p.error && <div className="warn-text small">{p.error}</div>}
      {p.inherited && (
        <div className="small">
          No record of its own; <span className="mono">_dmarc.{p.inherited.domain}</span> applies: <code className="mono">{p.inherited.record}</code>
        </div>
      )}
    </div>
  );
}

function Diff({ diff }: { diff: DmarcBuilt['diff'] }) {
  if (diff.identical)
    return (
      <p>
        <StatusChip tone="ok" label="identical" /> Publishing this changes nothing.
      </p>
    );
  return (
    <>
      <h3>Changes</h3>
      <ul className="diff" aria-label="Changes to the published record">
        {diff.changes.map((c) => (
          <li key={c.tag} className={c.kind}>
            <span className="diff-kind">{c.kind === 'added' ? '+' : c.kind === 'removed' ? '−' : '~'}</span>
            <code className="mono">{c.tag}</code>
            {c.kind === 'changed' && (
              <span>
                <del>{c.from}</del> → <ins>{c.to}</ins>
              </span>
            )}
            {c.kind === 'added' && <ins>{c.to}</ins>}
            {c.kind === 'removed' && <del>{c.from}</del>}
          </li>
        ))}
      </ul>
      {diff.publishedIssues.length > 0 && (
        <ul className="rec-warnings">
          {diff.publishedIssues.map((i, k) => (
            <li key={k}>
              {i.severity === 'error' ? '✕' : '⚠'} Published record: {i.message}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
