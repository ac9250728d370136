import { importHint, type ImportResult } from '../../dmarc/import';
import { EXIT, type Io } from '../output';

/** The `--json` shape (and the human summary) shared by `dmarc import` and `dmarc fetch`. */
export function importJson(r: ImportResult) {
  const pick = (e: { file: string; code: string; message: string }) => ({ file: e.file, code: e.code, message: e.message });
  return {
    files: r.files,
    imported: r.imported,
    duplicates: r.duplicates,
    records: r.records,
    messages: r.messages,
    failures: r.failures,
    errors: r.errors.map(pick),
    repaired: r.repaired.map(pick),
  };
}

export function printImport(r: ImportResult, json: boolean, io: Io): number {
  const out = importJson(r);
  if (json) io.out(JSON.stringify(out));
  else {
    io.out(
      `${out.files} file(s): ${out.imported} report(s) imported (${out.records} rows, ${out.messages} messages), ${out.duplicates} duplicate(s), ${out.failures} failure report(s), ${out.repaired.length} repair note(s), ${out.errors.length} error(s).`,
    );
    for (const n of out.repaired) io.out(`${n.file}: repaired: ${n.message} [${n.code}]`);
    for (const e of out.errors) io.err(`${e.file}: ${e.message} [${e.code}]${importHint(e.code) ? `\n  hint: ${importHint(e.code)}` : ''}`);
  }
  return out.errors.length ? EXIT.notOk : EXIT.ok;
}
