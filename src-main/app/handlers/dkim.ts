import type { DkimList } from '../../../src-preload/api/dkim';
import type { Services } from '../services';
import type { NamespaceHandlers } from './types';

const PAGE_ROWS = 500;

/** The list that rides along with a rotate / progress reply, cut to a page (the CLI keeps the whole list). */
function pageOf<T extends { list: DkimList }>(reply: T): T {
  return { ...reply, list: { ...reply.list, rows: reply.list.rows.slice(0, PAGE_ROWS) } };
}

export function dkimHandlers(s: Services): NamespaceHandlers<'dkim'> {
  return {
    // A page asks for what it shows; without a limit it gets the most urgent PAGE_ROWS, as the health overview does.
    list: (input) => s.dkim.list({ ...input, limit: input.limit ?? PAGE_ROWS }),
    rotate: async (input) => pageOf(await s.dkim.rotate(input)),
    progress: async (input) => pageOf(await s.dkim.progress(input)),
  };
}
