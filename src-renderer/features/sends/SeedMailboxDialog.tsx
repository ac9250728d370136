import { useEffect, useRef, useState } from 'react';
import type { Seed } from '../../../src-preload/api/sends';
import { useApi } from '../../app/api-context';
import { useMutation } from '../../app/data/use-mutation';
import { useQuery } from '../../app/data/use-query';
import { Dialog } from '../../components/Dialog';
import { ErrorBox } from '../../components/Feedback';

/**
 * A seed's IMAP mailbox: where Behalf reads test sends back (folder → inbox/spam, the receiver's
 * Authentication-Results). The password goes to main's vault and never comes back; only "kept" is shown.
 */
export function SeedMailboxDialog({ seed, onClose }: { seed: Seed; onClose: () => void }) {
  const api = useApi();
  const boxQuery = useQuery(() => api.sends.seedMailboxGet({ id: seed.id }), [api, seed.id]);
  const box = boxQuery.data ?? null;
  const [form, setForm] = useState({ host: '', port: '993', tls: true, user: '', authservId: '', password: '' });
  const action = useMutation();
  const error = action.error || boxQuery.error;
  const [saved, setSaved] = useState('');
  // The form starts from the first read only; a save keeps what was typed (bar the password).
  const seeded = useRef(false);
  useEffect(() => {
    if (!box || seeded.current) return;
    seeded.current = true;
    setForm({ host: box.host, port: String(box.port), tls: box.tls, user: box.user || seed.address, authservId: box.authservId, password: '' });
  }, [box, seed.address]);

  const save = (remove = false) =>
    action.run(remove ? 'remove' : 'save', async () => {
      const m = await api.sends.seedMailboxSave(
        remove
          ? { id: seed.id, host: '' }
          : {
              id: seed.id,
              host: form.host,
              port: Number(form.port),
              tls: form.tls,
              user: form.user,
              authservId: form.authservId,
              ...(form.password ? { password: form.password } : {}),
            },
      );
      boxQuery.setData(m);
      setForm((f) => ({ ...f, password: '', ...(remove ? { host: '' } : {}) }));
      setSaved(remove ? 'Mailbox removed.' : 'Saved.');
    });

  return (
    <Dialog title={`Mailbox of ${seed.address}`} onClose={onClose}>
      <p className="muted small">
        After a test send Behalf looks for the message in INBOX and the Junk folder (read-only) and reads the receiver's Authentication-Results. Leave the host
        empty for no mailbox.
      </p>
      <div className="form">
        <div className="field">
          <label htmlFor="sm-host">IMAP host</label>
          <input id="sm-host" className="input" value={form.host} onChange={(e) => setForm({ ...form, host: e.target.value })} placeholder="imap.gmail.com" />
        </div>
        <div className="field">
          <label htmlFor="sm-port">Port</label>
          <input id="sm-port" className="input" inputMode="numeric" value={form.port} onChange={(e) => setForm({ ...form, port: e.target.value })} />
        </div>
        <div className="field">
          <label htmlFor="sm-user">User</label>
          <input id="sm-user" className="input" value={form.user} onChange={(e) => setForm({ ...form, user: e.target.value })} />
        </div>
        <div className="field">
          <label htmlFor="sm-pass">Password</label>
          <input
            id="sm-pass"
            className="input"
            type="password"
            autoComplete="off"
            value={form.password}
            onChange={(e) => setForm({ ...form, password: e.target.value })}
            placeholder={box?.hasPassword ? 'kept (type to replace)' : 'not set'}
          />
        </div>
        <div className="field">
          <label htmlFor="sm-authserv">Trusted authserv-id</label>
          <input
            id="sm-authserv"
            className="input"
            value={form.authservId}
            onChange={(e) => setForm({ ...form, authservId: e.target.value })}
            placeholder={form.host || 'the IMAP host'}
          />
        </div>
        <div className="field">
          <label>
            <input type="checkbox" checked={form.tls} onChange={(e) => setForm({ ...form, tls: e.target.checked })} /> TLS (plain IMAP only to this machine)
          </label>
        </div>
      </div>
      <p className="muted small">
        Only the Authentication-Results header with this authserv-id counts (e.g. mx.google.com); enter “none” for Outlook.com / Microsoft 365, whose header has
        none. Password: {box ? `${box.hasPassword ? 'kept' : 'not set'}, ${box.passwordStorage}` : '…'}.
      </p>
      {error != null && <ErrorBox error={error} />}
      {saved && (
        <p role="status" className="small">
          {saved}
        </p>
      )}
      <div className="toolbar">
        <button className="btn primary" onClick={() => void save()}>
          Save mailbox
        </button>
        {box?.configured && (
          <button className="btn danger" onClick={() => void save(true)}>
            Remove mailbox
          </button>
        )}
        <button className="btn" onClick={onClose}>
          Close
        </button>
      </div>
    </Dialog>
  );
}
