import { useState } from 'react';
import type { Settings } from '../../../src-preload/api/settings';
import type { SheetSendCheck } from '../../../src-preload/api/sheets';
import { useApi } from '../../app/api-context';
import { useMutation } from '../../app/data/use-mutation';
import { ErrorBox } from '../../components/Feedback';
import { CheckSteps } from '../../components/CheckSteps';
import { Field } from './SettingsFields';

interface Props {
  draft: Pick<Settings, 'sheetsServerId' | 'sheetsFromAddress' | 'vendorDomain'>;
  set(patch: Partial<Pick<Settings, 'sheetsServerId' | 'sheetsFromAddress'>>): void;
}

/**
 * Settings → Sheets by email: the server is picked from the account's servers (Postmark lists them; typing a raw
 * ID stays possible when Postmark cannot be asked), and "Check sending" runs the same preflight the Sheets tab
 * runs, so the From address is known to be sendable before a customer's contact is waiting.
 */
export function SheetsMailCard({ draft, set }: Props) {
  const api = useApi();
  const [check, setCheck] = useState<SheetSendCheck | null>(null);
  const { busy, error, run: act } = useMutation();
  const run = async () => {
    const result = await act('check', () => api.sheets.sendCheck({}));
    if (result) setCheck(result);
  };
  const servers = check?.servers ?? [];
  const known = servers.some((s) => s.id === draft.sheetsServerId);

  return (
    <section className="card">
      <h2>Sheets by email</h2>
      <p className="muted small-print">
        DNS sheets for a customer&apos;s IT contact go out through the vendor&apos;s own Postmark server (not a tenant&apos;s), from an address on the
        vendor&apos;s verified domain.
      </p>
      <div className="form">
        <Field
          id="s-sheets-server"
          label="Server for sheets"
          hint={servers.length === 0 ? 'Press "Check sending" to list the account\'s servers, or type a server ID.' : undefined}
        >
          {servers.length > 0 ? (
            <select
              id="s-sheets-server"
              className="input"
              value={draft.sheetsServerId ?? ''}
              onChange={(e) => set({ sheetsServerId: e.target.value === '' ? null : Number(e.target.value) })}
            >
              <option value="">(choose a server)</option>
              {!known && draft.sheetsServerId !== null && <option value={draft.sheetsServerId}>{draft.sheetsServerId} (not in this account)</option>}
              {servers.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name} — ID {s.id}
                </option>
              ))}
            </select>
          ) : (
            <input
              id="s-sheets-server"
              className="input"
              type="number"
              min={1}
              step={1}
              placeholder="e.g. 1234567"
              value={draft.sheetsServerId ?? ''}
              onChange={(e) => set({ sheetsServerId: e.target.value.trim() === '' ? null : Number(e.target.value) })}
            />
          )}
        </Field>
        <Field id="s-sheets-from" label="From address for sheets">
          <input
            id="s-sheets-from"
            className="input"
            type="email"
            placeholder={`dns-help@${draft.vendorDomain || 'vendor.com'}`}
            value={draft.sheetsFromAddress}
            onChange={(e) => set({ sheetsFromAddress: e.target.value })}
          />
        </Field>
        <div className="field wide">
          <div className="toolbar">
            <button className="btn" type="button" onClick={() => void run()} disabled={busy !== null}>
              {busy ? 'Checking…' : 'Check sending'}
            </button>
            <span className="muted small">Checks the saved settings with Postmark.</span>
          </div>
          {error ? <ErrorBox error={error} /> : null}
          {check && <CheckSteps steps={check.steps} label="Sheet sending check" />}
        </div>
      </div>
    </section>
  );
}
