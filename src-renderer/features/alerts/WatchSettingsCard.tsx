import type { Settings } from '../../../src-preload/api/settings';
import { Field } from '../settings/SettingsFields';

type Keys = 'watchIntervalHours' | 'watchQuietFrom' | 'watchQuietTo';
const FIELDS: { key: Keys; label: string; hint: string; max: number }[] = [
  {
    key: 'watchIntervalHours',
    label: 'Watch every (hours)',
    hint: '0 = off. Runs in the desktop app and behalf serve; “behalf watch --once” does one round from cron.',
    max: 168,
  },
  {
    key: 'watchQuietFrom',
    label: 'Quiet from (hour)',
    hint: 'No round starts in the quiet hours (this machine’s local time); one due waits until they end.',
    max: 23,
  },
  { key: 'watchQuietTo', label: 'Quiet until (hour)', hint: 'The same hour in both = no quiet hours.', max: 23 },
];

/** Settings → Watch: how often the watch rechecks DNS, refreshes health and reads DMARC reports, and when it keeps quiet. */
export function WatchSettingsCard({ values, onChange }: { values: Settings; onChange: (patch: Partial<Settings>) => void }) {
  return (
    <section className="card" aria-labelledby="watch-settings-title">
      <h3 id="watch-settings-title">Watch</h3>
      <div className="form">
        {FIELDS.map((f) => (
          <Field key={f.key} id={`s-${f.key}`} label={f.label} hint={f.hint}>
            <input
              id={`s-${f.key}`}
              className="input"
              type="number"
              min={0}
              max={f.max}
              step={1}
              value={values[f.key]}
              onChange={(e) => onChange({ [f.key]: Number(e.target.value) })}
            />
          </Field>
        ))}
      </div>
    </section>
  );
}
