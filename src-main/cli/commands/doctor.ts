import type { DoctorReport } from '../../../src-preload/api/doctor';
import type { Services } from '../../app/services';
import { GLOBAL_OPTIONS, parse } from '../args';
import { EXIT, type Io } from '../output';

const MARK = { ok: 'ok  ', warn: 'warn', fail: 'FAIL' } as const;

/** `behalf doctor [--json]`: read-only checks; exit 0 when nothing failed (warnings allowed), 1 otherwise. */
export async function doctorCommand(s: Services, argv: string[], io: Io): Promise<number> {
  const { values } = parse(argv, { ...GLOBAL_OPTIONS });
  const report = await s.doctor.run();
  io.out(values.json ? JSON.stringify(report) : describe(report));
  return report.ok ? EXIT.ok : EXIT.notOk;
}

function describe(report: DoctorReport): string {
  const lines = report.lines.flatMap((l) => [`${MARK[l.verdict]}  ${l.label}: ${l.detail}`, ...(l.fix ? [`      fix: ${l.fix}`] : [])]);
  const failed = report.lines.filter((l) => l.verdict === 'fail').length;
  const warned = report.lines.filter((l) => l.verdict === 'warn').length;
  lines.push(failed ? `${failed} check(s) failed, ${warned} warning(s).` : `All checks passed${warned ? `, ${warned} warning(s)` : ''}.`);
  return lines.join('\n');
}
