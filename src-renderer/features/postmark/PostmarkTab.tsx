import { useRef, useState } from 'react';
import type { OutboxJob, PostmarkState } from '../../../src-preload/api/postmark';
import type { Tenant } from '../../../src-preload/api/tenants';
import { useApi, useEvent } from '../../app/api-context';
import { useMutation } from '../../app/data/use-mutation';
import { useQuery } from '../../app/data/use-query';
import { ErrorBox } from '../../components/Feedback';
import { ConnectionNote } from './ConnectionNote';
import { DeprovisionDialog } from './DeprovisionDialog';
import { DomainCard } from './DomainCard';
import { JobsTable } from './JobsTable';
import { ProvisionCard } from './ProvisionCard';
import { SenderCard } from './SenderCard';

const listOf = (items: (string | false | null)[]) => {
  const xs = items.filter((x): x is string => typeof x === 'string');
  return xs.length <= 1 ? xs.join('') : `${xs.slice(0, -1).join(', ')} and ${xs[xs.length - 1]}`;
};

const errorCode = (err: unknown) => (err && typeof err === 'object' && 'code' in err ? String((err as { code: unknown }).code) : null);

/** Tenant detail → Postmark: what exists in Postmark for this customer, what is queued, and what to do next. */
export function PostmarkTab({ tenant }: { tenant: Tenant }) {
  const api = useApi();
  const stateQuery = useQuery(() => api.postmark.state({ id: tenant.id }), [api, tenant.id, tenant.updatedAt]);
  const statusQuery = useQuery(() => api.postmark.status({}), [api]);
  const settingsQuery = useQuery(() => api.settings.get({}), [api]);
  const state = stateQuery.data ?? null;
  const status = statusQuery.data ?? null;
  const returnPathLabel = settingsQuery.data?.returnPathLabel ?? 'pm-bounces';
  const [deprovisioning, setDeprovisioning] = useState(false);
  const { busy, error, run, setError } = useMutation();
  const root = useRef<HTMLDivElement>(null);

  const load = () => {
    stateQuery.reload();
    statusQuery.reload();
  };
  useEvent('outbox.changed', (e) => (e.tenantId === null || e.tenantId === tenant.id) && load());
  useEvent('settings.changed', load);

  const act = (name: string, call: () => Promise<PostmarkState | { state: PostmarkState }>) =>
    run(name, async () => {
      const r = await call();
      stateQuery.setData('jobs' in r ? r : r.state);
      statusQuery.reload();
      return r;
    });
  const retry = (j: OutboxJob) => run(`retry-${j.id}`, async () => (await api.postmark.retryJob({ jobId: j.id }), load()));
  const cancel = (j: OutboxJob) => run(`cancel-${j.id}`, async () => (await api.postmark.cancelJob({ jobId: j.id }), load()));

  // The Provision button leaves with its card: focus moves to the first action of what was created, not <body>.
  const focusNewContent = () => setTimeout(() => root.current?.querySelector<HTMLElement>('.pm-card button:not([disabled]), .pm-card a[href]')?.focus(), 50);

  if (stateQuery.error && !state) return <ErrorBox error={stateQuery.error} />;
  if (!state) return <div className="muted">Reading the ledger…</div>;
  const provisioned = state.server !== null || state.domain !== null || state.sender !== null;
  const creating = state.jobs.some((j) => j.kind.startsWith('create-'));

  return (
    <div className="pm-tab" ref={root}>
      <ConnectionNote status={status} />
      {statusQuery.error ? <ErrorBox error={statusQuery.error} /> : null}
      {settingsQuery.error ? <ErrorBox error={settingsQuery.error} /> : null}
      {stateQuery.error ? <ErrorBox error={stateQuery.error} /> : null}
      {error && !deprovisioning ? <ErrorBox error={error} /> : null}
      {errorCode(error) === 'postmark.confirm-forget' && (
        <div className="row gap">
          <button
            className="btn danger"
            disabled={busy !== null}
            onClick={() => void act('verify', () => api.postmark.verify({ id: tenant.id, forgetMissing: true }))}
          >
            Forget them
          </button>
        </div>
      )}
      {!provisioned && !creating && (
        <ProvisionCard
          tenant={tenant}
          returnPathLabel={returnPathLabel}
          busy={busy === 'provision'}
          onProvision={(input) => void act('provision', () => api.postmark.provision({ id: tenant.id, ...input })).then(focusNewContent)}
        />
      )}
      {state.server && (
        <div className="card pm-card">
          <h2>
            Server <span className="mono">{state.server.name}</span>
          </h2>
          <dl className="kv">
            <dt>Postmark ID</dt>
            <dd className="mono">{state.server.id}</dd>
            <dt>Colour</dt>
            <dd>{state.server.color || '—'}</dd>
            <dt>Delivery</dt>
            <dd>{state.server.deliveryType}</dd>
            <dt>Server token</dt>
            <dd className="muted">kept in the main process only (never shown here)</dd>
          </dl>
        </div>
      )}
      {state.domain && (
        <DomainCard
          domain={state.domain}
          busy={busy}
          onVerify={() => void act('verify', () => api.postmark.verify({ id: tenant.id }))}
          onRotate={() => void act('rotate', () => api.postmark.rotateDkim({ id: tenant.id }))}
        />
      )}
      {state.sender && (
        <SenderCard
          tenantId={tenant.id}
          contactEmail={tenant.contactEmail}
          sender={state.sender}
          busy={busy}
          onPoll={async () => {
            const next = await api.postmark.verify({ id: tenant.id });
            stateQuery.setData(next);
            return next.sender?.confirmed ?? false;
          }}
          onVerify={() => void act('verify', () => api.postmark.verify({ id: tenant.id }))}
          onResend={() => void act('resend', () => api.postmark.resendConfirmation({ id: tenant.id }))}
        />
      )}
      <div className="card pm-card">
        <h2>Pending Postmark operations</h2>
        {state.jobs.length === 0 ? (
          <p className="muted">Nothing queued for this tenant.</p>
        ) : (
          <JobsTable jobs={state.jobs} busy={busy} onRetry={(j) => void retry(j)} onCancel={(j) => void cancel(j)} />
        )}
      </div>
      {provisioned && (
        <div className="card pm-card pm-danger">
          <div className="pm-card-head">
            <div>
              <h2>Deprovision</h2>
              <span className="muted">
                Deletes this customer’s {listOf([state.domain && 'domain', state.sender && 'sender signature', state.server && 'server'])} in Postmark.
              </span>
            </div>
            <span className="grow" />
            <button className="btn danger" onClick={() => (setError(null), setDeprovisioning(true))}>
              Deprovision…
            </button>
          </div>
        </div>
      )}
      {deprovisioning && (
        <DeprovisionDialog
          tenantName={tenant.name}
          state={state}
          busy={busy === 'deprovision'}
          error={error}
          onClose={() => setDeprovisioning(false)}
          onConfirm={(confirmName) =>
            void act('deprovision', () => api.postmark.deprovision({ id: tenant.id, confirmName })).then((r) => r && setDeprovisioning(false))
          }
        />
      )}
    </div>
  );
}
