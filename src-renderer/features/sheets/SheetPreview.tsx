import type { SheetShape } from '../../../src-preload/api/sheets';
import { StatusChip } from '../../components/Status';
import { CopyButton } from '../../components/CopyButton';
import { CopyField } from '../../components/CopyField';

type SheetRecord = SheetShape['records'][number];

/** The records exactly as the customer's panel wants them, with the canonical form alongside. */
function RecordCard({ r, provider }: { r: SheetRecord; provider: string }) {
  return (
    <div className="card sheet-record" aria-label={`Record ${r.n}: ${r.label}`}>
      <div className="sheet-record-head">
        <h2>
          Record {r.n} · {r.label}
        </h2>
        <span className="tag">{r.type}</span>
        {!r.required && <span className="tag">recommended</span>}
        <span className="grow" />
        <StatusChip tone={r.status.tone} label={r.status.label} />
      </div>
      <p className="muted sheet-purpose">{r.purpose}</p>
      <div className="sheet-fields">
        <div className="sheet-sub">In {provider}</div>
        <CopyField label="Host" value={r.enterHost} what={`host of record ${r.n}`} />
        <CopyField label="Value" value={r.enterValue} what={`value of record ${r.n}`} />
        <div className="sheet-sub">Canonical</div>
        <CopyField label="Name (FQDN)" value={r.fqdn} what={`full name of record ${r.n}`} />
        <CopyField label={r.type === 'CNAME' ? 'Target' : 'Text'} value={r.value} what={`canonical value of record ${r.n}`} />
        <div className="sheet-field">
          <span className="sheet-field-label">TTL</span>
          <span className="mono">{r.ttl}</span>
        </div>
      </div>
      {(r.status.detail || r.status.observed) && (
        <div className="sheet-observed">
          {r.status.detail && <div>{r.status.detail}</div>}
          {r.status.observed && (
            <div className="muted">
              Seen in DNS: <code>{r.status.observed}</code>
            </div>
          )}
        </div>
      )}
    </div>
  );
}

export function SheetPreview({ sheet }: { sheet: SheetShape }) {
  return (
    <div className="sheet-preview">
      <div className="card">
        <h2>{sheet.title}</h2>
        <div className="muted small">
          {sheet.optionLabel} · {sheet.provider.name} · generated {sheet.generatedLabel}
        </div>
        {sheet.intro.map((p, i) => (
          <p key={i}>{p}</p>
        ))}
      </div>
      {sheet.records.length > 0 && (
        <section aria-label="Records to add" className="sheet-records">
          {sheet.records.map((r) => (
            <RecordCard key={r.n} r={r} provider={sheet.provider.name} />
          ))}
        </section>
      )}
      <div className="card">
        <h2>Steps</h2>
        <ol className="sheet-steps">
          {sheet.steps.map((s, i) => (
            <li key={i}>
              <div>{s.text}</div>
              {s.fields.map((f, j) => (
                <div key={j} className="sheet-field">
                  <span className="sheet-field-label">{f.label}</span>
                  {f.literal ? (
                    <>
                      <code className="sheet-literal">{f.value || '(leave empty)'}</code>
                      {f.value && <CopyButton value={f.value} what={`${f.label} in step ${i + 1}`} />}
                    </>
                  ) : (
                    <span>{f.value}</span>
                  )}
                </div>
              ))}
              {s.after && <div className="muted">{s.after}</div>}
            </li>
          ))}
        </ol>
      </div>
      <div className="grid2">
        {sheet.verify.checks.length > 0 && (
          <div className="card">
            <h2>Check it</h2>
            <p>{sheet.verify.intro}</p>
            {sheet.verify.checks.map((c) => (
              <div key={c.record} className="sheet-field">
                <span className="sheet-field-label">Record {c.record}</span>
                <code className="sheet-literal">{c.dig}</code>
                <CopyButton value={c.dig} what={`dig command for record ${c.record}`} />
              </div>
            ))}
            <p className="muted">{sheet.verify.weConfirm}</p>
          </div>
        )}
        {sheet.doNot.length > 0 && (
          <div className="card">
            <h2>Please don&apos;t</h2>
            <ul className="sheet-list">
              {sheet.doNot.map((d, i) => (
                <li key={i}>{d}</li>
              ))}
            </ul>
          </div>
        )}
        {sheet.undo.items.length > 0 && (
          <div className="card">
            <h2>To undo</h2>
            <p>{sheet.undo.intro}</p>
            <ul className="sheet-list">
              {sheet.undo.items.map((d, i) => (
                <li key={i}>{d}</li>
              ))}
            </ul>
          </div>
        )}
      </div>
    </div>
  );
}
