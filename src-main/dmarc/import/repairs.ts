/**
 * What an import tolerated in a report instead of refusing it. Real receivers send reports that bend the
 * schema (empty org_name, "Pass", a gzip with two stray bytes…); staff need both the data and a plain note of
 * what was bent, so every tolerance is named here with a stable code that the ledger, the CLI's --json and the
 * UI key on. Structure is never repaired: a report whose records cannot be read is still refused.
 */
export type DmarcRepairCode =
  | 'dmarc.repair.org-name-missing'
  | 'dmarc.repair.reason-empty'
  | 'dmarc.repair.result-case'
  | 'dmarc.repair.draft-element'
  | 'dmarc.repair.wrapped-root'
  | 'dmarc.repair.not-utf8'
  | 'dmarc.repair.leaf-markup'
  | 'dmarc.repair.gzip-trailing-bytes'
  | 'dmarc.repair.gzip-concatenated'
  | 'dmarc.repair.attachment-type'
  | 'dmarc.repair.base64-noise'
  | 'dmarc.repair.report-id-reused';

export interface RepairNote {
  code: DmarcRepairCode;
  message: string;
}

/**
 * The notes of one report. One note per code (the first occurrence explains it; later ones only raise the
 * count), so a report with 2,000 upper-case rows gets one line, not 2,000.
 */
export class RepairLog {
  private readonly notes = new Map<DmarcRepairCode, { message: string; count: number; unit: string }>();

  /** `unit` names what `count` counts in the final message ("row", "leaf"); omit for one-off notes. */
  add(code: DmarcRepairCode, message: string, unit = ''): void {
    const seen = this.notes.get(code);
    if (seen) seen.count++;
    else this.notes.set(code, { message, count: 1, unit });
  }

  /** Sets a note's whole message (for notes that summarise as they go, like the count of bad bytes). */
  replace(code: DmarcRepairCode, message: string): void {
    this.notes.set(code, { message, count: 1, unit: '' });
  }

  /** Carries notes found before the report's own log existed (e.g. while reading its e-mail). */
  addAll(notes: readonly RepairNote[]): void {
    for (const n of notes) this.add(n.code, n.message);
  }

  get size(): number {
    return this.notes.size;
  }

  list(): RepairNote[] {
    return [...this.notes].map(([code, n]) => ({
      code,
      message: n.unit && n.count > 1 ? `${n.message} (${n.count} ${n.unit}s in all)` : n.message,
    }));
  }
}
