import type { z } from 'zod';
import { BehalfError } from '../../src-preload/api/errors';

/** A schema failure as one actionable error: the first problem named by field, the rest counted. */
export function describeZodError(error: z.ZodError, code = 'input.invalid'): BehalfError {
  const issues = error.issues;
  const first = issues[0];
  const where = first && first.path.length ? `${first.path.join('.')}: ` : '';
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more problem${issues.length > 2 ? 's' : ''})` : '';
  return new BehalfError(code, `${where}${first?.message ?? 'invalid input'}${more}`, 'Correct the highlighted field and try again.');
}
