import { useEffect, useState } from 'react';
import type { Placement } from '../../../src-preload/api/sends';
import type { Tenant } from '../../../src-preload/api/tenants';
import { useApi, useEvent } from '../../app/api-context';
import { useMutation } from '../../app/data/use-mutation';
import { useQuery } from '../../app/data/use-query';
import { ErrorBox, errorText } from '../../components/Feedback';
import { ComposeCard } from './ComposeCard';
import { SeedStatusGrid } from './SeedStatusGrid';
import { SendHistory } from './SendHistory';

/** Tenant detail → Test sends: compose, the per-seed status grid, and the tenant's history. */
/** Events are read again by themselves this often, for this long after a send (Postmark's search lags). */
const POLL_EVERY_MS = 10_000;
const POLL_FOR_MS = 5 * 60_000;
/** Events after which nothing more is expected for a test send. */
const SETTLED = new Set(['Delivered', 'Bounced', 'Opened', 'LinkClicked', 'SubscriptionChanged']);

export function SendsTab({ tenant, onEdit }: { tenant: Tenant; onEdit?: () => void }) {
  const api = useApi();
  const composeQuery = useQuery(() => api.sends.compose({ tenantId: tenant.id, live: false }), [api, tenant.id, tenant.updatedAt]);
  const historyQuery = useQuery(() => api.sends.history({ tenantId: tenant.id, limit: 20 }), [api, tenant.id, tenant.updatedAt]);
  const seedsQuery = useQuery(() => api.sends.seedsList({}), [api, tenant.updatedAt]);
  const action = useMutation();
  const compose = composeQuery.data ?? null;
  const sends = historyQuery.data?.sends ?? [];
  const seeds = seedsQuery.data?.seeds ?? [];
  const refreshing = action.busy === 'refresh';
  const error = action.error ?? composeQuery.error ?? historyQuery.error ?? seedsQuery.error ?? null;
  const [selected, setSelected] = useState<number | null>(null);
  const [note, setNote] = useState('');

  const loadHistory = historyQuery.reload;
  const loadCompose = composeQuery.reload;
  /** "Check again" asks Postmark live; its answer replaces the ledger's. */
  const recheck = () => action.run('recheck', async () => composeQuery.setData(await api.sends.compose({ tenantId: tenant.id, live: true })));
  useEvent('sends.changed', (e) => e.tenantId === tenant.id && (loadHistory(), loadCompose()));
  useEvent('outbox.changed', (e) => (e.tenantId === null || e.tenantId === tenant.id) && loadCompose());
  useEvent('settings.changed', () => loadCompose());

  useEffect(() => {
    if (!note) return;
    const t = setTimeout(() => setNote(''), 5000);
    return () => clearTimeout(t);
  }, [note]);

  const current = sends.find((s) => s.id === selected) ?? sends[0] ?? null;

  // For a few minutes after a send, read its events by itself until every seed that went out has settled.
  // A send still queued or confirming with Postmark (issue #15) has no sent seeds yet, so it is not polled.
  const [nowMs, setNowMs] = useState(() => Date.now());
  // A seed with a mailbox is settled only once Behalf found its copy (or called it missing).
  const unsettled =
    current?.recipients.some((r) => r.state === 'sent' && (!SETTLED.has(r.eventType ?? '') || (r.hasMailbox && r.placement === null && !r.mailboxError))) ??
    false;
  const pollEnd = current && unsettled ? Date.parse(current.submittedAt ?? current.createdAt) + POLL_FOR_MS : 0;
  const pollingUntil = pollEnd > nowMs ? new Date(pollEnd).toISOString() : null;
  const pollId = pollingUntil ? (current?.id ?? null) : null;
  useEffect(() => {
    if (pollId === null) return;
    const t = setInterval(() => {
      setNowMs(Date.now());
      // Quiet: the grid updates through sends.changed; "Refresh events" stays for an explicit read. A failed
      // read is said in the note line (the next poll may well succeed), not dropped.
      api.sends.refreshEvents({ tenantId: tenant.id, sendId: pollId }).catch((err: unknown) => setNote(`Reading events by itself failed: ${errorText(err)}`));
    }, POLL_EVERY_MS);
    return () => clearInterval(t);
  }, [api, tenant.id, pollId]);
  useEffect(() => setNowMs(Date.now()), [sends]);

  const mark = (address: string, placement: Placement | null) => {
    if (!current) return;
    void action.run('mark', async () => (await api.sends.mark({ sendId: current.id, seed: address, placement }), loadHistory()));
  };

  const refresh = () =>
    action.run('refresh', async () => {
      const r = await api.sends.refreshEvents({ tenantId: tenant.id, ...(current ? { sendId: current.id } : {}) });
      setNote(
        r.errors.length
          ? `Could not read every message: ${r.errors[0]}`
          : `Read ${r.checked} message(s); ${r.updated} changed.${r.notIndexed ? ` ${r.notIndexed} not indexed by Postmark yet: refresh again in a minute.` : ''}`,
      );
      loadHistory();
    });

  const retry = async () => {
    const r = await action.run('retry', () => api.sends.retryQueued({ tenantId: tenant.id }));
    if (r)
      setNote(
        r.stillQueued
          ? `${r.stillQueued} send(s) still queued: Postmark is not reachable yet, or Behalf is still confirming a lost send with it.`
          : `Ran ${r.ran} queued send(s).`,
      );
    loadHistory();
  };

  if (!compose) return error != null ? <ErrorBox error={error} /> : <div className="muted">Loading…</div>;
  return (
    <div className="sends-tab">
      {error != null && <ErrorBox error={error} />}
      {compose.queued > 0 && (
        <div className="banner info" role="status">
          {compose.queued} test send(s) queued: Behalf retries them when Postmark is reachable.
        </div>
      )}
      <div className="sends-layout">
        <ComposeCard
          tenant={tenant}
          compose={compose}
          seeds={seeds}
          onRecheck={() => void recheck()}
          onSent={(id) => (setSelected(id), void loadHistory())}
          onEdit={onEdit}
        />
        <SeedStatusGrid send={current} refreshing={refreshing} onRefresh={() => void refresh()} pollingUntil={pollingUntil} onMark={mark} />
      </div>
      <SendHistory
        sends={sends}
        selected={current?.id ?? null}
        onSelect={setSelected}
        onRetry={() => void retry()}
        onCancel={(id) => void action.run('cancel', async () => (await api.sends.cancel({ sendId: id }), loadHistory()))}
      />
      {note && (
        <div className="toast" role="status">
          {note}
        </div>
      )}
    </div>
  );
}
