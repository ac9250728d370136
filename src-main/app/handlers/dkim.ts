import type { Services } from '../services';
import type { NamespaceHandlers } from './types';

export function dkimHandlers(s: Services): NamespaceHandlers<'dkim'> {
  return {
    list: () => s.dkim.list(),
    rotate: (input) => s.dkim.rotate(input),
    progress: (input) => s.dkim.progress(input),
  };
}
