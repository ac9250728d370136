import type { TeamConnectInput } from '../../../src-preload/api/team';
import { BehalfError } from '../../../src-preload/api/errors';
import { copiedText } from '../../team/team-service';
import type { Services } from '../services';
import type { NamespaceHandlers } from './types';

const KINDS = { publish: 'team.publish', join: 'team.join' } as const;

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

  /**
   * Publish and join from the console: the quick checks answer at once (inline in the form), then the copy runs
   * as a task through the one registry — the same service calls as `behalf team init|join`. The password goes
   * in here and nowhere out: not in the label, the progress messages, the result or an error.
   */
  const connect = (kind: keyof typeof KINDS, input: TeamConnectInput) => {
    const team = s.team();
    const who = { name: input.name, email: input.email };
    const display = team.checkConnect(kind === 'publish' ? 'init' : 'join', input.url, who);
    const label = kind === 'publish' ? `Publish this ledger to ${display}` : `Join the team at ${display}`;
    const { taskId } = s.tasks.start(KINDS[kind], label, async ({ signal, progress }) => {
      progress(0, 0, `Connecting to ${display}`);
      const opts = {
        signal,
        ...(input.password ? { password: input.password } : {}),
        progress: ({ copied, total }: { copied: number; total: number }) => progress(copied, total, copiedText(copied, total)),
      };
      return kind === 'publish' ? team.init(input.url, who, opts) : team.join(input.url, who, opts);
    });
    return { taskId };
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
    publish: (input) => connect('publish', input),
    join: (input) => connect('join', input),
    connectResult: ({ taskId }) => {
      const { snap, result, error } = s.tasks.outcome<{ rows: number; url: string }>(taskId);
      const kind = snap.kind === KINDS.publish ? 'publish' : snap.kind === KINDS.join ? 'join' : null;
      if (!kind) throw new BehalfError('task.not-found', 'That task is not a publish or join.');
      // A cancel that came after the commit changes nothing: the work finished, so it is reported as done.
      const state = result ? 'done' : snap.state;
      return { kind, state, done: snap.done, total: snap.total, rows: result?.rows ?? null, error: state === 'done' ? null : (error ?? null) };
    },
  };
}
