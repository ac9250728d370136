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
