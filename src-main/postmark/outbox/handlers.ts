import type { JobHandler } from './handler-types';
import { createDomain, createSender, createServer } from './handlers-create';
import { deleteDomain, deleteSender, deleteServer, resendConfirmation, rotateDkim, verifyDkim, verifyReturnPath } from './handlers-other';
import type { JobKind } from './payloads';

/** One handler per job kind; the type makes a missing kind a compile error. */
export const handlers: { [K in JobKind]: JobHandler<K> } = {
  'create-server': createServer,
  'delete-server': deleteServer,
  'create-domain': createDomain,
  'verify-dkim': verifyDkim,
  'verify-return-path': verifyReturnPath,
  'rotate-dkim': rotateDkim,
  'delete-domain': deleteDomain,
  'create-sender': createSender,
  'resend-confirmation': resendConfirmation,
  'delete-sender': deleteSender,
};
