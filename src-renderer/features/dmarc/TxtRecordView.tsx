import { CopyButton } from '../../components/CopyButton';

/** A DNS record as name / type / value rows, each copyable. */
export function TxtRecordView({ name, value, note }: { name: string; value: string; note?: string }) {
  return (
    <div className="txt-record">
      <div className="txt-row">
        <span className="muted">Name</span>
        <code className="mono">{name}</code>
        <CopyButton value={name} what={`name ${name}`} label="Copy name" />
      </div>
      <div className="txt-row">
        <span className="muted">Type</span>
        <code className="mono type">TXT</code>
        <span />
      </div>
      <div className="txt-row">
        <span className="muted">Value</span>
        <code className="mono" data-testid="txt-value">
          {value}
        </code>
        <CopyButton value={value} what={`value ${value.slice(0, 60)}`} label="Copy value" />
      </div>
      {note && <div className="muted small">{note}</div>}
    </div>
  );
}
