import { unicodeAddress } from '../../../src-preload/api/domain-input';
import type { CsvImportResult } from '../../../src-preload/api/tenant-queries';
import { useScrollFocus } from '../../components/scroll-focus';

/**
 * What an import (a file or a pasted list) will do, before it does it: what was detected, problems that block
 * it, notes to read, and the rows as they will be stored — a domain shown as people read it, its A-label beside.
 */
export function ImportPreview({ result, what }: { result: CsvImportResult; what: string }) {
  const problemsBox = useScrollFocus<HTMLUListElement>();
  const notesBox = useScrollFocus<HTMLUListElement>();
  const rowsBox = useScrollFocus<HTMLDivElement>();
  const d = result.detected;
  return (
    <div className="import-preview">
      {d && (
        <p className="muted small" data-testid="import-detected">
          Read as {d.encoding}, {d.delimiter}-separated, {d.header ? 'with a header row' : 'no header row'}.
        </p>
      )}
      {result.errors.length > 0 ? (
        <div role="alert">
          <p>
            <strong>{result.errors.length} problem(s)</strong> in {result.rows} row(s); nothing will be added until they are fixed:
          </p>
          <ul className="import-list" aria-label="Problems" ref={problemsBox.ref} tabIndex={problemsBox.tabIndex}>
            {result.errors.slice(0, 200).map((e, i) => (
              <li key={i}>
                Line {e.row}
                {e.field ? ` (${e.field})` : ''}: {e.message}
              </li>
            ))}
          </ul>
        </div>
      ) : (
        <p>
          All {result.rows} row(s) of the {what} are valid.
        </p>
      )}
      {result.notes.length > 0 && (
        <ul className="import-list warn-text" aria-label="Notes" ref={notesBox.ref} tabIndex={notesBox.tabIndex}>
          {result.notes.slice(0, 200).map((n, i) => (
            <li key={i}>
              {n.row ? `Line ${n.row}: ` : ''}
              {n.message}
            </li>
          ))}
        </ul>
      )}
      {result.preview.length > 0 && (
        <div className="import-table" role="region" aria-label="Rows read" ref={rowsBox.ref} tabIndex={rowsBox.tabIndex}>
          <table className="dns-table compact" aria-label="Preview">
            <thead>
              <tr>
                <th className="num">Line</th>
                <th>Name</th>
                <th>Domain</th>
                <th>Contact</th>
              </tr>
            </thead>
            <tbody>
              {result.preview.map((r) => (
                <tr key={r.line}>
                  <td className="num">{r.line}</td>
                  <td>{r.name}</td>
                  <td>
                    {r.unicode}
                    {r.unicode !== r.domain && <div className="muted small">{r.domain}</div>}
                  </td>
                  <td>{unicodeAddress(r.contactEmail)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {result.preview.length < result.rows - result.errors.length && <p className="muted small">First {result.preview.length} rows shown.</p>}
        </div>
      )}
    </div>
  );
}
