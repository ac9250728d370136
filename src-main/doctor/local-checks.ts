import fs from 'node:fs';
import type { DoctorLine } from '../../src-preload/api/doctor';
import type { DnsClient } from '../dns/resolver';
import { ledgerHealth } from '../ledger/health-repo';
import type { Db } from '../ledger/open';

const line = (check: string, label: string, verdict: DoctorLine['verdict'], detail: string, fix = ''): DoctorLine => ({ check, label, verdict, detail, fix });
const MB = 1024 * 1024;
/** A WAL this big means checkpoints are not keeping up (a reader held open for long, or a crash loop). */
const WAL_WARN_BYTES = 256 * MB;
const DISK_WARN_BYTES = 1024 * MB;
const DISK_FAIL_BYTES = 100 * MB;

/**
 * Does the DNS resolver Behalf uses answer? Any answer counts, even "no such name": the checks need answers,
 * not this particular record. Asked for Postmark's own zone, which every check of option 1 touches anyway.
 */
export async function checkDns(client: DnsClient, servers: string): Promise<DoctorLine> {
  const label = 'DNS resolver';
  const r = await client.ns('postmarkapp.com');
  if (r.ok || r.cause === 'nxdomain' || r.cause === 'nodata') return line('dns.resolver', label, 'ok', `${servers} answers.`);
  return line(
    'dns.resolver',
    label,
    'fail',
    `${servers} gave no usable answer (${r.cause}).`,
    'DNS checks need a working resolver: check the network, or set DNS servers in Settings (or BEHALF_DNS_SERVERS).',
  );
}

export function checkLedger(db: Db, file: string, codeVersion: number): DoctorLine[] {
  const h = ledgerHealth(db, file);
  const intact = h.integrity.length === 1 && h.integrity[0] === 'ok';
  return [
    intact
      ? line('ledger.integrity', 'Ledger integrity', 'ok', `PRAGMA integrity_check: ok (${file}).`)
      : line(
          'ledger.integrity',
          'Ledger integrity',
          'fail',
          `PRAGMA integrity_check: ${h.integrity.join('; ')}`,
          'Stop Behalf, copy the ledger file aside, and restore the latest backup (or run sqlite3 ".recover" on the copy).',
        ),
    h.schemaVersion === codeVersion
      ? line('ledger.schema', 'Ledger schema', 'ok', `Version ${h.schemaVersion}, as this build expects.`)
      : line(
          'ledger.schema',
          'Ledger schema',
          'fail',
          `Version ${h.schemaVersion}; this build expects ${codeVersion}.`,
          'Use the Behalf version that wrote this ledger, or a newer one.',
        ),
    h.walBytes < WAL_WARN_BYTES
      ? line('ledger.wal', 'Ledger write-ahead log', 'ok', `${(h.walBytes / MB).toFixed(1)} MB.`)
      : line(
          'ledger.wal',
          'Ledger write-ahead log',
          'warn',
          `${(h.walBytes / MB).toFixed(0)} MB: checkpoints are not keeping up.`,
          'Close other Behalf windows and CLI runs on this ledger; the log shrinks at the next checkpoint.',
        ),
  ];
}

export function checkDisk(dir: string): DoctorLine {
  const label = 'Disk space';
  try {
    const s = fs.statfsSync(dir);
    const free = s.bavail * s.bsize;
    const text = `${(free / MB).toFixed(0)} MB free where the ledger lives (${dir}).`;
    if (free < DISK_FAIL_BYTES) return line('disk.free', label, 'fail', text, 'Free disk space: the ledger cannot write below ~100 MB.');
    if (free < DISK_WARN_BYTES) return line('disk.free', label, 'warn', text, 'Free some disk space soon: report imports and exports need room.');
    return line('disk.free', label, 'ok', text);
  } catch (err) {
    return line('disk.free', label, 'warn', `Could not read free space: ${(err as Error).message}`, 'Check the data directory exists and is readable.');
  }
}
