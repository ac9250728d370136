import type { ReconcileReport } from '../../postmark/service/reconcile';
import type { Services } from '../services';
import type { NamespaceHandlers } from './types';

export function postmarkHandlers(s: Services): NamespaceHandlers<'postmark'> {
  return {
    status: () => s.postmark.status(),
    provision: (input) => s.postmark.provision(input),
    state: ({ id }) => s.postmark.state(id),
    verify: ({ id, forgetMissing }) => s.postmark.verify(id, { forgetMissing }),
    rotateDkim: ({ id }) => s.postmark.rotateDkim(id),
    resendConfirmation: ({ id }) => s.postmark.resendConfirmation(id),
    confirmationMessage: ({ id }) => s.postmark.confirmationMessage(id),
    deprovision: ({ id, confirmName }) => s.postmark.deprovision(id, confirmName),
    jobs: (filter) => ({ jobs: s.postmark.jobs(filter) }),
    retryJob: ({ jobId }) => s.postmark.retryJob(jobId),
    cancelJob: ({ jobId }) => s.postmark.cancelJob(jobId),
    reconcile: () => {
      const { taskId } = s.tasks.start('postmark.reconcile', 'Reconcile with Postmark', ({ signal, progress }) => s.postmark.reconcile({ signal, progress }));
      return { taskId };
    },
    reconcileResult: ({ taskId }) => {
      // Failures keep their code and hint for the page.
      const { snap, result: report, error } = s.tasks.outcome<ReconcileReport>(taskId);
      return {
        state: snap.state,
        matched: report?.matched ?? [],
        unmatched: report?.unmatched ?? [],
        written: report?.written ?? 0,
        error: error ? { code: error.code, message: error.message, hint: error.hint ?? '' } : null,
      };
    },
    link: (input) => s.postmark.link(input),
  };
}
