import { withActivity } from '../../tenants/activity';
import type { Services } from '../services';
import type { NamespaceHandlers } from './types';

export function sendsHandlers(s: Services): NamespaceHandlers<'sends'> {
  return {
    seedsList: () => ({ seeds: s.sends.seeds.list() }),
    seedsAdd: (draft) => s.sends.seeds.add(draft),
    seedsUpdate: ({ id, patch }) => s.sends.seeds.update(id, patch),
    seedMailboxGet: ({ id }) => s.seedMailboxes.get(id),
    seedMailboxSave: (input) => s.seedMailboxes.save(input),
    seedsRemove: ({ id }) => (s.sends.seeds.remove(id), { ok: true as const }),
    seedsImport: ({ csv, base64, fileName, dryRun }) => s.sends.seeds.importCsv(csv ?? Buffer.from(base64 ?? '', 'base64'), dryRun, fileName),
    seedsExport: () => s.sends.seeds.exportCsv(),
    compose: ({ tenantId, live }) => s.sends.compose(tenantId, { live }),
    preview: (input) => s.sends.preview(input),
    send: (input) =>
      withActivity(
        s.tenants,
        input.tenantId,
        'sends.sent',
        () => s.sends.send(input),
        (v) => `Test send #${v.id} from ${v.from} to ${v.recipients.length} seed${v.recipients.length === 1 ? '' : 's'}: ${v.state}`,
      ),
    history: ({ tenantId, limit }) => ({ sends: s.sends.history(tenantId, limit) }),
    refreshEvents: ({ tenantId, sendId }) => s.sends.refreshEvents(tenantId, sendId),
    retryQueued: ({ tenantId }) => s.sends.retryQueued(tenantId),
    cancel: ({ sendId }) => s.sends.cancel(sendId),
    mark: ({ sendId, seed, placement }) => s.sends.mark(sendId, seed, placement),
  };
}
