import { importReports } from '../../../src-main/dmarc/import';
import { openLedger } from '../../../src-main/ledger/open';
import { observeWriteTransactions } from '../../../src-main/ledger/write-transaction';

/**
 * Child process for P11: imports report files into an existing ledger (as `behalf dmarc import` does) and
 * prints one JSON line with how long each of its write transactions took, its row writer thread's included — the
 * longest is how long any other process could have had to wait for it. argv: <ledger file> <report file>...
 */
const [ledger, ...files] = process.argv.slice(2);
const db = openLedger(ledger!);
const tx: number[] = [];
observeWriteTransactions((ms) => tx.push(ms));
const t = process.hrtime.bigint();
const result = await importReports(db, files);
const ms = Number(process.hrtime.bigint() - t) / 1e6;
observeWriteTransactions(undefined);
db.close();
tx.sort((a, b) => a - b);
process.stdout.write(
  `${JSON.stringify({
    ms,
    result: { ...result, errors: result.errors.slice(0, 3) },
    transactions: {
      count: tx.length,
      maxMs: tx[tx.length - 1] ?? 0,
      p99Ms: tx[Math.max(0, Math.ceil(tx.length * 0.99) - 1)] ?? 0,
      over50: tx.filter((x) => x > 50).length,
    },
  })}\n`,
);
