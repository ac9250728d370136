// Another program holding the ledger's write lock: BEGIN IMMEDIATE, say "held", keep it for argv[3] ms, commit.
import Database from 'better-sqlite3';

const [file, ms] = [process.argv[2], Number(process.argv[3] ?? 60_000)];
const db = new Database(file);
db.pragma('journal_mode = WAL');
db.exec('BEGIN IMMEDIATE');
process.stdout.write('held\n');
setTimeout(() => {
  db.exec('COMMIT');
  db.close();
}, ms);
