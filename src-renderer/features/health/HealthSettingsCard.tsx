import { HEALTH_THRESHOLD_SOURCES } from '../../../src-preload/api/health';
import type { Settings } from '../../../src-preload/api/settings';
import { Field } from '../settings/SettingsFields';

type Keys = 'healthComplaintRateMax' | 'healthComplaintRateAim' | 'healthBounceRateMax' | 'healthQuietDays' | 'healthMinVolume';
const FIELDS: { key: Keys; label: string; source: keyof typeof HEALTH_THRESHOLD_SOURCES; step: number; max: number }[] = [
  { key: 'healthComplaintRateMax', label: 'Spam complaint limit (%)', source: 'complaintRateMax', step: 0.01, max: 100 },
  { key: 'healthComplaintRateAim', label: 'Spam complaints to aim under (%)', source: 'complaintRateAim', step: 0.01, max: 100 },
  { key: 'healthBounceRateMax', label: 'Bounce rate limit (%)', source: 'bounceRateMax', step: 0.5, max: 100 },
  { key: 'healthQuietDays', label: 'Quiet after (days without mail)', source: 'quietDays', step: 1, max: 90 },
  { key: 'healthMinVolume', label: 'Judge rates from (mails a week)', source: 'minVolume', step: 10, max: 1_000_000 },
];

/** Settings → Sending health: the thresholds the Health page judges by, each with where its default comes from. */
export function HealthSettingsCard({ values, onChange }: { values: Settings; onChange: (patch: Partial<Settings>) => void }) {
  return (
    <section className="card" aria-labelledby="health-settings-title">
      <h2 id="health-settings-title">Sending health</h2>
      <p className="muted small-print">
        Rates over the last 7 days of each tenant’s Postmark server. Over a limit = in trouble; over the aim or rising = degrading.
      </p>
      <div className="form">
        {FIELDS.map((f) => (
          <Field key={f.key} id={`s-${f.key}`} label={f.label} hint={<span className="threshold-source">{HEALTH_THRESHOLD_SOURCES[f.source]}</span>}>
            <input
              id={`s-${f.key}`}
              className="input"
              type="number"
              min={0}
              max={f.max}
              step={f.step}
              value={values[f.key]}
              onChange={(e) => onChange({ [f.key]: Number(e.target.value) })}
            />
          </Field>
        ))}
      </div>
    </section>
  );
}
