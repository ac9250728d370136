import { useState } from 'react';
import { DISPLAY_NAME_PRESETS, type DisplayNamePresetName } from '../../../src-preload/api/options';
import type { Tenant } from '../../../src-preload/api/tenants';
import { useApi } from '../../app/api-context';
import { useQuery } from '../../app/data/use-query';
import { ErrorBox } from '../../components/Feedback';
import { StatusChip } from '../../components/Status';

const PRESET_LABEL: Record<DisplayNamePresetName, string> = { via: 'Customer via Vendor', for: 'Vendor for Customer', custom: 'Custom' };
const DEBOUNCE_MS = 250;

/** Option 3's display name: pick a preset or type one, and see the checks and the From header as you type. */
export function DisplayNameLab({ tenant }: { tenant: Tenant }) {
  const api = useApi();
  const [preset, setPreset] = useState<DisplayNamePresetName>('via');
  const [custom, setCustom] = useState(tenant.fromName || tenant.name);
  // Debounced so typing does not send one request per key; the last answer for the current input wins.
  const lint = useQuery(() => api.options.lintDisplayName({ id: tenant.id, name: custom, preset }), [api, tenant.id, custom, preset], {
    debounceMs: DEBOUNCE_MS,
  });
  const result = lint.data ?? null;
  const error = lint.error;

  const blocks = result?.issues.filter((i) => i.severity === 'block') ?? [];
  return (
    <section className="card" aria-label="Option 3 display name">
      <h2>Option 3 display name</h2>
      <div className="toolbar" role="radiogroup" aria-label="Display name preset">
        {DISPLAY_NAME_PRESETS.map((p) => (
          <button key={p} role="radio" aria-checked={preset === p} className="chip-toggle" onClick={() => setPreset(p)}>
            {PRESET_LABEL[p]}
          </button>
        ))}
        {preset === 'custom' && (
          <input className="input dn-input" aria-label="Custom display name" value={custom} onChange={(e) => setCustom(e.target.value)} />
        )}
      </div>
      {error != null && <ErrorBox error={error} />}
      {result && (
        <div className="dn-result">
          <dl className="kv">
            <dt>From header</dt>
            <dd className="mono" data-testid="built-from">
              {result.from.header}
            </dd>
            <dt>Reply-To</dt>
            <dd className="mono">{result.from.replyTo ?? <span className="muted">none known: add the customer's From address or contact email</span>}</dd>
            <dt>Checks</dt>
            <dd>
              {result.issues.length === 0 ? (
                <StatusChip tone="ok" label="no issues" />
              ) : (
                <StatusChip
                  tone={blocks.length ? 'failing' : 'warning'}
                  label={blocks.length ? `${blocks.length} blocking` : `${result.issues.length} to review`}
                />
              )}
            </dd>
          </dl>
          {result.issues.length > 0 && (
            <ul className="lint-issues" aria-label="Display name issues">
              {result.issues.map((i) => (
                <li key={i.code + i.message}>
                  <StatusChip tone={i.severity === 'block' ? 'failing' : 'warning'} label={i.severity === 'block' ? 'blocks' : 'warning'} />
                  <span>
                    {i.message}
                    <br />
                    <span className="muted">Fix: {i.fix}</span>
                  </span>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </section>
  );
}
