import { useState } from 'react';
import type { DoctorLine, DoctorReport } from '../../../src-preload/api/doctor';
import { useApi } from '../../app/api-context';
import { useMutation } from '../../app/data/use-mutation';
import { ErrorBox } from '../../components/Feedback';
import { StatusChip, type Tone } from '../../components/Status';

const TONE: Record<DoctorLine['verdict'], Tone> = { ok: 'ok', warn: 'warning', fail: 'failing' };

/** Settings → "Check connection": the same read-only checks as `behalf doctor`, one line each with its fix. */
export function ConnectionCheckCard() {
  const api = useApi();
  const [report, setReport] = useState<DoctorReport | null>(null);
  const action = useMutation();
  const busy = action.busy !== null;
  const error = action.error;
  const check = () => void action.run('check', async () => setReport(await api.doctor.run({})));
  return (
    <section className="card">
      <div className="pm-card-head">
        <h2>Connection check</h2>
        <span className="grow" />
        <button className="btn" onClick={check} disabled={busy}>
          {busy ? 'Checking…' : 'Check connection'}
        </button>
      </div>
      <p className="muted small-print">
        Read-only: the Postmark API URL and tokens, account approval, the DMARC token, DNS, the ledger and disk space. The same as <code>behalf doctor</code>.
      </p>
      {error ? <ErrorBox error={error} /> : null}
      {report && (
        // Fixed layout + wrapping anywhere: URLs and paths in the details must not push the card wider.
        <table className="dtable" aria-label="Connection check" style={{ width: '100%', tableLayout: 'fixed' }}>
          <colgroup>
            <col style={{ width: '4.5em' }} />
            <col />
          </colgroup>
          <tbody>
            {report.lines.map((l) => (
              <tr key={l.check} data-testid={`doctor-${l.check}`}>
                <td>
                  <StatusChip tone={TONE[l.verdict]} label={l.verdict} />
                </td>
                <td style={{ whiteSpace: 'normal', overflowWrap: 'anywhere' }}>
                  <strong>{l.label}</strong>
                  <div>{l.detail}</div>
                  {l.fix && <div className="muted small">{l.fix}</div>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
