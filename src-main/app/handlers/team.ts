import type { Services } from '../services';
import type { NamespaceHandlers } from './types';

export function teamHandlers(s: Services): NamespaceHandlers<'team'> {
  const status = () => {
    const st = s.team().status();
    return {
      mode: st.mode,
      server: st.url,
      operator: st.operator,
      waiting: st.waiting,
      conflicts: st.conflicts,
      offlineSince: st.offlineSince,
      lastSyncAt: st.lastSyncAt,
    };
  };
  return {
    status,
    setOperator: ({ name, email }) => (s.team().setOperator(name, email), status()),
    conflicts: () => ({
      conflicts: s
        .team()
        .conflicts()
        .map((c) => ({ id: c.id, text: c.text, label: c.label, theirOperator: c.theirOperator, theirAt: c.theirAt, createdAt: c.createdAt })),
    }),
    resolve: ({ id, resolution }) => {
      const c = s.team().resolve(id, resolution);
      return { id: c.id, text: c.text, label: c.label, theirOperator: c.theirOperator, theirAt: c.theirAt, createdAt: c.createdAt };
    },
  };
}
