import { DKIM_POLICY_SOURCE } from '../../../src-preload/api/dkim';
import type { Settings } from '../../../src-preload/api/settings';
import { Field } from '../settings/SettingsFields';

/** Settings → DKIM rotation: the policy the DKIM keys page judges "due" by, with where its default comes from. */
export function DkimSettingsCard({ values, onChange }: { values: Settings; onChange: (patch: Partial<Settings>) => void }) {
  return (
    <section className="card" aria-labelledby="dkim-settings-title">
      <h2 id="dkim-settings-title">DKIM rotation</h2>
      <div className="form">
        <Field id="s-dkimRotationMonths" label="Rotate every (months)" hint={<span className="threshold-source">{DKIM_POLICY_SOURCE}</span>}>
          <input
            id="s-dkimRotationMonths"
            className="input"
            type="number"
            min={1}
            max={60}
            step={1}
            value={values.dkimRotationMonths}
            onChange={(e) => onChange({ dkimRotationMonths: Number(e.target.value) })}
          />
        </Field>
      </div>
    </section>
  );
}
