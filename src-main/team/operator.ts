import { BehalfError } from '../../src-preload/api/errors';

export interface Operator {
  name: string;
  email: string;
}

/** Name and e-mail of the person at this console, as audit rows and conflict messages show them. */
export function parseOperator(name: string | undefined, email: string | undefined): Operator {
  const n = (name ?? '').trim();
  const e = (email ?? '').trim();
  if (!n || n.length > 100)
    throw new BehalfError(
      'team.operator',
      'Give your name (1 to 100 characters): audit rows and conflicts name who did what.',
      'behalf team operator --name "Jane Doe" --email jane@vendor.example',
    );
  if (!/^[^\s@<>"]+@[^\s@<>"]+\.[^\s@<>"]+$/.test(e) || e.length > 254)
    throw new BehalfError('team.operator', `"${e}" is not an e-mail address.`, 'Give the address your team knows you by, like jane@vendor.example.');
  return { name: n, email: e };
}

/** The operator a publish or join runs as: the name and e-mail given, else the console's, else a clear refusal. */
export function operatorFor(given: { name?: string; email?: string } | undefined, known: Operator | null): Operator {
  if (given?.name || given?.email) return parseOperator(given.name, given.email);
  if (!known)
    throw new BehalfError(
      'team.operator',
      'Team mode needs your name and e-mail: every change and audit row names who made it.',
      'Add --name "Jane Doe" --email jane@vendor.example.',
    );
  return known;
}
