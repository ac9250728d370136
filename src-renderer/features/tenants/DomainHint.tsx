import { useApi } from '../../app/api-context';
import { useQuery } from '../../app/data/use-query';

/**
 * Under the domain field: how main will read what was typed (issue #22). An internationalised name shows the
 * A-label it is stored as; a suggestion (www., an address, look-alike characters) is offered, never applied
 * without the operator; look-alike letters are flagged.
 */
export function DomainHint({ value, onUse }: { value: string; onUse: (domain: string) => void }) {
  const api = useApi();
  const query = useQuery(() => api.tenants.checkDomain({ domain: value }), [api, value], { enabled: value.trim() !== '', debounceMs: 200 });
  // A hint only: when the reading fails, no hint shows and saving reports the problem with the field itself.
  const read = value.trim() && !query.error ? query.data : undefined;
  if (!read) return null;
  const suggestion = read.suggestion ?? read.flags.find((f) => f.suggestion)?.suggestion;
  const idn = read.ok && read.unicode !== read.domain;
  if (!suggestion && !idn && read.flags.length === 0) return null;
  return (
    <div className="domain-hint" data-testid="domain-hint">
      {idn && (
        <span className="muted">
          {read.unicode} is stored as <code>{read.domain}</code>, the form DNS and Postmark use.
        </span>
      )}
      {read.flags
        .filter((f) => f.kind !== 'www')
        .map((f, i) => (
          <span key={i} className="warn-text">
            ⚠ {f.message}
          </span>
        ))}
      {suggestion && (
        <span className="warn-text">
          {read.ok ? `Did you mean ${suggestion}?` : ''}
          <button type="button" className="btn" onClick={() => onUse(suggestion)}>
            Use {suggestion}
          </button>
        </span>
      )}
    </div>
  );
}
