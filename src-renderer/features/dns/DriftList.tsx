import type { DriftItemView } from '../../../src-preload/api/dns';
import { StatusChip } from '../../components/Status';
import { KIND_LABEL } from './dns-text';

/** What changed since the previous check; alerts are failing-toned, notices neutral. */
export function DriftList({ items, label }: { items: DriftItemView[]; label: string }) {
  return (
    <ul className="dns-drift" aria-label={label}>
      {items.map((d, i) => (
        <li key={`${d.code}|${d.name}|${i}`}>
          <StatusChip tone={d.severity === 'alert' ? 'failing' : 'unknown'} label={d.severity} />
          <code>{d.code}</code>
          <span className="muted">{KIND_LABEL[d.kind] ?? d.kind}</span>
          <span>{d.message}</span>
        </li>
      ))}
    </ul>
  );
}
