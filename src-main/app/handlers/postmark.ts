import { toApiError } from '../../../src-preload/api/errors';
import type { ReconcileResult } from '../../../src-preload/api/postmark';
import type { ReconcileReport } from '../../postmark/service/reconcile';
import type { Services } from '../services';
import type { NamespaceHandlers } from './types';

export function postmarkHandlers(s: Services): NamespaceHandlers<'postmark'> {
  /** Reconcile failures keep their code and hint for the page (the task registry keeps only a message). */
  const reconcileErrors = new Map<string, ReconcileResult['error']>();
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
      const { taskId } = s.tasks.start('postmark.reconcile', 'Reconcile with Postmark', async ({ signal, progress }) => {
        try {
          return await s.postmark.reconcile({ signal, progress });
        } catch (err) {
          const e = toApiError(err);
          reconcileErrors.set(taskId, { code: e.code, message: e.message, hint: e.hint ?? '' });
          throw err;
        }
      });
      return { taskId };
    },
    reconcileResult: ({ taskId }) => {
      const { snap, result } = s.tasks.result(taskId);
      const report = result as ReconcileReport | undefined;
      return {
        state: snap.state,
        matched: report?.matched ?? [],
        unmatched: report?.unmatched ?? [],
        written: report?.written ?? 0,
        error: reconcileErrors.get(taskId) ?? null,
      };
    },
    link: (input) => s.postmark.link(input),
  };
}
