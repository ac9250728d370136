import type { Services } from '../services';
import type { NamespaceHandlers } from './types';

export function dmarcHandlers(s: Services): NamespaceHandlers<'dmarc'> {
  return {
    buildRecord: ({ domain, input }) => s.dmarc.buildRecord(domain, input),
    plan: (input) => s.dmarc.plan(input),
    importFiles: ({ files }) => s.dmarc.importFiles(files),
    importResult: ({ taskId }) => s.dmarc.importResult(taskId),
    domains: () => ({ domains: s.dmarc.domains() }),
    sources: (scope) => s.dmarc.sources(scope),
    readiness: (scope) => s.dmarc.readiness(scope),
    charts: (scope) => s.dmarc.charts(scope),
  };
}
