import { addressIssues, punctuationIssues } from './lint-content';
import { brandIssues } from './lint-brands';
import { compatibilityIssues, invisibleIssues, lengthIssues, markIssues, mixedScriptIssues } from './lint-chars';
import type { LintContext, LintIssue } from './lint-types';
import { stripInvisible } from './unicode';

export type { LintCode, LintContext, LintIssue, LintSeverity } from './lint-types';

/**
 * Checks a From display name before it is saved or sent. 'block' issues make the name unsafe (it can
 * mislead recipients or break the header); 'warn' issues are judgement calls for the operator.
 * Blocks come first, then warnings, each in a stable order.
 */
export function lintDisplayName(name: string, ctx: LintContext): LintIssue[] {
  const issues = [...invisibleIssues(name)];
  if (stripInvisible(name).trim() === '') {
    return [
      {
        code: 'empty',
        severity: 'block',
        message: 'The display name is empty: recipients would see only the vendor address.',
        fix: 'Enter a name, or use the "Customer via Vendor" preset.',
      },
      ...issues,
    ];
  }
  issues.push(
    ...lengthIssues(name),
    ...markIssues(name),
    ...compatibilityIssues(name),
    ...mixedScriptIssues(name),
    ...addressIssues(name, ctx),
    ...punctuationIssues(name, ctx),
    ...brandIssues(name, ctx),
  );
  return [...issues.filter((i) => i.severity === 'block'), ...issues.filter((i) => i.severity === 'warn')];
}

export function hasBlockingIssue(issues: readonly LintIssue[]): boolean {
  return issues.some((i) => i.severity === 'block');
}
