import { z } from 'zod';

/**
 * `behalf doctor` and Settings → "Check connection": read-only checks of everything Behalf depends on. Each line
 * says what was checked, what was found and what to do; no line ever carries a token.
 */
export const DOCTOR_VERDICTS = ['ok', 'warn', 'fail'] as const;
export const doctorLineSchema = z.object({
  /** Stable id, e.g. 'postmark.endpoint', 'ledger.integrity'. */
  check: z.string(),
  label: z.string(),
  verdict: z.enum(DOCTOR_VERDICTS),
  detail: z.string(),
  /** What to do about it ('' when ok). */
  fix: z.string(),
});
export type DoctorLine = z.infer<typeof doctorLineSchema>;
export const doctorReportSchema = z.object({
  /** False when any line failed (the CLI exits 1). */
  ok: z.boolean(),
  checkedAt: z.string(),
  lines: z.array(doctorLineSchema),
});
export type DoctorReport = z.infer<typeof doctorReportSchema>;
