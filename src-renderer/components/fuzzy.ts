/**
 * Subsequence match for the command palette: every query character in order, case-insensitive.
 * Higher is better; null when it does not match. Consecutive characters and word starts score more,
 * so "dns" ranks "DNS checks" above "Add new site".
 */
export function fuzzyScore(query: string, text: string): number | null {
  const q = query.trim().toLowerCase();
  if (!q) return 0;
  const t = text.toLowerCase();
  const direct = t.indexOf(q);
  if (direct >= 0) return 1000 - direct + (direct === 0 || /\W/.test(t[direct - 1] ?? '') ? 200 : 0);
  let score = 0;
  let at = -1;
  let run = 0;
  for (const ch of q) {
    if (ch === ' ') continue;
    const next = t.indexOf(ch, at + 1);
    if (next < 0) return null;
    run = next === at + 1 ? run + 1 : 0;
    score += 1 + run * 3 + (next === 0 || /\W/.test(t[next - 1] ?? '') ? 5 : 0);
    at = next;
  }
  return score;
}
