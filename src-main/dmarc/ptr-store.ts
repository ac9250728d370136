import type { Database, Statement } from 'better-sqlite3';
import { writeTransaction } from '../ledger/write-transaction';

/** ptr_cache: reverse-DNS answers for report source IPs, so a page of sources is not a page of lookups. */
export interface PtrCache {
  get(ip: string): { ptr: string | null; resolvedAt: string } | undefined;
  save(ip: string, ptr: string | null, resolvedAt: string): void;
  /** Several answers in one write transaction. */
  saveMany(answers: ReadonlyArray<{ ip: string; ptr: string | null }>, resolvedAt: string): void;
}

export function ptrCache(db: Database): PtrCache {
  const get = db.prepare('SELECT ptr, resolved_at FROM ptr_cache WHERE ip = ?');
  let save: Statement<[string, string | null, string]> | undefined;
  const saveMany: PtrCache['saveMany'] = (answers, resolvedAt) => {
    if (answers.length === 0) return;
    const statement = (save ??= db.prepare(
      'INSERT INTO ptr_cache (ip, ptr, resolved_at) VALUES (?, ?, ?) ON CONFLICT (ip) DO UPDATE SET ptr = excluded.ptr, resolved_at = excluded.resolved_at',
    ));
    writeTransaction(db, () => {
      for (const a of answers) statement.run(a.ip, a.ptr, resolvedAt);
    });
  };
  return {
    get(ip) {
      const row = get.get(ip) as { ptr: string | null; resolved_at: string } | undefined;
      return row ? { ptr: row.ptr, resolvedAt: row.resolved_at } : undefined;
    },
    save: (ip, ptr, resolvedAt) => saveMany([{ ip, ptr }], resolvedAt),
    saveMany,
  };
}
