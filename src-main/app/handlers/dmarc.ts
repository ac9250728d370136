import { failuresFor } from '../../dmarc/failures/failure-store';
import { repairedReports } from '../../dmarc/repaired-store';
import type { Services } from '../services';
import type { NamespaceHandlers } from './types';

export function dmarcHandlers(s: Services): NamespaceHandlers<'dmarc'> {
  return {
    buildRecord: ({ domain, input }) => s.dmarc.buildRecord(domain, input),
    plan: (input) => s.dmarc.plan(input),
    saveRecord: ({ id, domain, input, plan }) => s.dmarc.saveRecord(id, input, { domain, plan }),
    savedRecord: ({ id }) => ({ record: s.dmarc.savedRecord(id) }),
    clearRecord: ({ id }) => s.dmarc.clearRecord(id),
    postmarkStatus: () => s.postmarkDmarc.status(),
    postmarkConnect: ({ email, domain }) => s.postmarkDmarc.connect(email, domain),
    postmarkUseToken: ({ token }) => s.postmarkDmarc.useToken(token),
    postmarkForget: () => s.postmarkDmarc.forget(),
    postmarkDns: () => s.postmarkDmarc.dns(),
    postmarkVerify: () => s.postmarkDmarc.verify(),
    postmarkPull: (range) => s.postmarkDmarc.pull(range),
    importFiles: ({ files }) => s.dmarc.importFiles(files),
    importResult: ({ taskId }) => s.dmarc.importResult(taskId),
    domains: () => ({ domains: s.dmarc.domains() }),
    sources: (scope) => s.dmarc.sources(scope),
    readiness: (scope) => s.dmarc.readiness(scope),
    markLegitimate: ({ domain, sender, legitimate }) => s.dmarc.markLegitimate(domain, sender, legitimate),
    charts: (scope) => s.dmarc.charts(scope),
    mailbox: () => s.dmarcMailbox.get(),
    mailboxSave: (input) => s.dmarcMailbox.save(input),
    mailboxFetch: () => s.dmarcMailbox.fetchTask(),
    repaired: ({ domain }) => ({ reports: repairedReports(s.db, domain) }),
    failures: ({ domain }) => ({ failures: failuresFor(s.db, domain.toLowerCase()) }),
  };
}
