import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';

/** One axe-core violation on one element, with what a person needs to fix it. */
export interface Finding {
  screen: string;
  impact: string;
  rule: string;
  help: string;
  target: string;
  summary: string;
}

/**
 * Runs axe-core (every rule of its default set: WCAG 2.x A/AA and best practices) on the page as it is now and
 * returns each violation per element. Nothing is disabled: a finding is fixed in the app, not here.
 */
export async function axeFindings(page: Page, screen: string): Promise<Finding[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations.flatMap((v) =>
    v.nodes.map((n) => ({
      screen,
      impact: n.impact ?? v.impact ?? 'unknown',
      rule: v.id,
      help: v.help,
      target: n.target.map(String).join(' '),
      summary: (n.failureSummary ?? '').replace(/\s+/g, ' ').trim(),
    })),
  );
}

/** What the suite fails on: critical and serious findings; moderate heading order is held to the same bar. */
export const blocking = (f: Finding) => f.impact === 'critical' || f.impact === 'serious' || f.rule === 'heading-order';

/**
 * One entry per distinct finding — rule, the screens it is on, the element and what axe says to change — so a
 * failure says what to fix. The same element on several screens (a chip in every table) is listed once.
 */
export function describeFindings(findings: Finding[]): string {
  if (findings.length === 0) return 'no findings';
  const groups = new Map<string, { first: Finding; screens: string[] }>();
  for (const f of findings) {
    const key = `${f.rule}\u0000${f.target}\u0000${f.summary}`;
    const g = groups.get(key);
    if (g) g.screens.push(f.screen);
    else groups.set(key, { first: f, screens: [f.screen] });
  }
  return [...groups.values()]
    .map(({ first: f, screens }) => `[${f.impact}] ${f.rule} on ${screens.join(', ')}: ${f.help}\n    target: ${f.target}\n    ${f.summary}`)
    .join('\n');
}

/** Counts per impact, for the log line each screen prints. */
export function countByImpact(findings: Finding[]): string {
  const counts = new Map<string, number>();
  for (const f of findings) counts.set(f.impact, (counts.get(f.impact) ?? 0) + 1);
  return [...counts].map(([k, n]) => `${n} ${k}`).join(', ') || 'none';
}
