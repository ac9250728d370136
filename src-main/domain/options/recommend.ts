import { assessAll } from './assess';
import { derive } from './facts';
import type { AssessmentStatus, OptionAssessment, OptionsFacts, Recommendation } from './types';

/** Lower is better; within a rank the lower option number wins (1 is the best-authenticated). */
const RANK: Readonly<Record<AssessmentStatus, number>> = { ok: 0, risky: 1, unsafe: 2, impossible: 3 };

function pick(assessments: readonly OptionAssessment[]): OptionAssessment | undefined {
  return assessments
    .filter((a) => a.offered && (a.status === 'ok' || a.status === 'risky'))
    .sort((a, b) => RANK[a.status] - RANK[b.status] || a.option - b.option)[0];
}

/** What to tell the operator about the option the tenant is on now, when it differs or is unsafe. */
function currentOptionWarnings(facts: OptionsFacts, assessments: readonly OptionAssessment[], chosen: number | null): string[] {
  const current = facts.tenant.option;
  if (current === null) return [];
  const a = assessments.find((x) => x.option === current)!;
  const name = facts.tenant.name;
  const out: string[] = [];
  if (a.status === 'unsafe')
    out.push(`${name} is on option ${current} now and ${a.why[0]!.replace(/^option \d is unsafe: /, '')}: its mail is affected today.`);
  else if (a.status === 'impossible') out.push(`${name} is on option ${current}, which cannot work: ${a.why[0]!.replace(/^option \d is not possible: /, '')}.`);
  if (!a.offered) out.push(`${name} is on option ${current}, which the vendor no longer offers.`);
  if (chosen !== null && chosen !== current && out.length === 0)
    out.push(`${name} is on option ${current}; switching to option ${chosen} is suggested (see the reasons).`);
  return out;
}

/**
 * The advisor: picks the best offered option for this tenant and explains why, naming the facts.
 * Never picks an option the vendor does not offer, and never one judged unsafe or impossible; when no
 * offered option qualifies, `option` is null and the warnings say which option to offer.
 */
export function recommend(facts: OptionsFacts): Recommendation {
  const d = derive(facts);
  const assessments = assessAll(facts, d);
  if (facts.offered.length === 0)
    return {
      option: null,
      reasons: ['the vendor offers no sending option; choose the offered options in Settings'],
      warnings: [],
      assessments,
    };
  const best = pick(assessments);
  if (!best) {
    const usable = assessments.filter((a) => !a.offered && (a.status === 'ok' || a.status === 'risky')).map((a) => a.option);
    return {
      option: null,
      reasons: assessments.filter((a) => a.offered).flatMap((a) => a.why),
      warnings: [
        usable.length
          ? `No offered option is safe for ${facts.tenant.name}; offering option ${usable.join(' or ')} in Settings would solve it.`
          : `No option is safe for ${facts.tenant.name} with the current facts.`,
        ...currentOptionWarnings(facts, assessments, null),
      ],
      assessments,
    };
  }
  // Explain every better-numbered option that lost, then why the chosen one is right.
  const reasons: string[] = [];
  for (const a of assessments) {
    if (a.option === best.option) continue;
    if (!a.offered && a.option < best.option) reasons.push(`option ${a.option} is not offered by the vendor`);
    else if (a.offered && (a.option < best.option || a.status === 'unsafe' || a.status === 'impossible')) reasons.push(...a.why);
  }
  reasons.push(...best.why);
  return {
    option: best.option,
    reasons,
    warnings: [...best.warnings, ...currentOptionWarnings(facts, assessments, best.option)],
    assessments,
  };
}
