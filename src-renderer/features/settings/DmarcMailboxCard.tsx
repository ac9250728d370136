import { useState } from 'react';
import type { DmarcMailbox, DmarcMailboxSave } from '../../../src-preload/api/dmarc-mailbox';
import { useApi } from '../../app/api-context';
import { useDraft } from '../../app/data/use-draft';
import { useMutation } from '../../app/data/use-mutation';
import { useQuery } from '../../app/data/use-query';
import { ErrorBox } from '../../components/Feedback';
import { Field } from './SettingsFields';

/**
 * Settings → DMARC mailbox: the rua mailbox Behalf reads reports from over IMAP. Saved on its own (not with the
 * form above) because the password rule is the server's: a new host or port forgets the stored password, and
 * the card says so before it happens. The password field is write-only, like the Postmark token.
 */
export function DmarcMailboxCard() {
  const api = useApi();
  const mailboxQuery = useQuery(() => api.dmarc.mailbox({}), [api]);
  const stored = mailboxQuery.data ?? null;
  const [draft, setDraft] = useDraft(mailboxQuery.data);
  const [password, setPassword] = useState('');
  const { error: saveError, run } = useMutation();
  const error = saveError || mailboxQuery.error;
  const [saved, setSaved] = useState(false);

  if (!stored || !draft)
    return (
      <section className="card">
        <h2>DMARC mailbox</h2>
        {error ? <ErrorBox error={error} /> : <span className="muted">Loading…</span>}
      </section>
    );

  const set = (patch: Partial<DmarcMailbox>) => (setDraft({ ...draft, ...patch }), setSaved(false));
  const serverChanges = draft.host.trim().toLowerCase() !== stored.host.toLowerCase() || draft.port !== stored.port;
  const save = async () => {
    const input: DmarcMailboxSave = {
      host: draft.host.trim(),
      port: draft.port,
      tls: draft.tls,
      user: draft.user.trim(),
      folder: draft.folder,
      processedFolder: draft.processedFolder,
      unreadableFolder: draft.unreadableFolder,
      pollMinutes: draft.pollMinutes,
      rufPersonalData: draft.rufPersonalData,
      ...(password ? { password } : {}),
    };
    const next = await run('save', () => api.dmarc.mailboxSave(input));
    if (!next) return;
    mailboxQuery.setData(next);
    setPassword('');
    setSaved(true);
  };

  return (
    <section className="card" aria-label="DMARC mailbox">
      <h2>DMARC mailbox</h2>
      <p className="muted small-print">
        Where receivers send reports (rua). Behalf reads unseen mail over IMAP, imports the reports, then moves each message — nothing is deleted.
      </p>
      <div className="form">
        <Field id="mb-host" label="IMAP host">
          <input id="mb-host" className="input" value={draft.host} placeholder="imap.vendor.com" onChange={(e) => set({ host: e.target.value })} />
        </Field>
        <Field id="mb-port" label="Port">
          <input id="mb-port" className="input" type="number" min={1} max={65535} value={draft.port} onChange={(e) => set({ port: Number(e.target.value) })} />
        </Field>
        <Field
          id="mb-tls"
          label="Encryption"
          hint={draft.tls ? 'TLS (993), or STARTTLS on 143.' : 'Plain IMAP: only allowed to this machine (127.0.0.1, localhost).'}
        >
          <select id="mb-tls" className="input" value={draft.tls ? 'tls' : 'plain'} onChange={(e) => set({ tls: e.target.value === 'tls' })}>
            <option value="tls">TLS</option>
            <option value="plain">None (loopback only)</option>
          </select>
        </Field>
        <Field id="mb-user" label="User">
          <input id="mb-user" className="input" value={draft.user} autoComplete="off" onChange={(e) => set({ user: e.target.value })} />
        </Field>
        <Field
          id="mb-pass"
          label="Password"
          hint={
            serverChanges && stored.hasPassword
              ? 'Changing the host or port forgets the stored password: enter it again.'
              : `${stored.hasPassword ? 'Set' : 'Not set'} · kept ${stored.passwordStorage}`
          }
        >
          <input
            id="mb-pass"
            className="input"
            type="password"
            autoComplete="new-password"
            value={password}
            placeholder={stored.hasPassword ? '•••••• (set — type to replace)' : ''}
            onChange={(e) => (setPassword(e.target.value), setSaved(false))}
          />
        </Field>
        <Field id="mb-folder" label="Folder to read">
          <input id="mb-folder" className="input" value={draft.folder} onChange={(e) => set({ folder: e.target.value })} />
        </Field>
        <Field id="mb-done" label="Move processed mail to">
          <input id="mb-done" className="input" value={draft.processedFolder} onChange={(e) => set({ processedFolder: e.target.value })} />
        </Field>
        <Field id="mb-bad" label="Move mail without a report to">
          <input id="mb-bad" className="input" value={draft.unreadableFolder} onChange={(e) => set({ unreadableFolder: e.target.value })} />
        </Field>
        <Field id="mb-poll" label="Poll every (minutes)" hint="0 = only when you press Fetch now. The desktop app and behalf serve poll.">
          <input
            id="mb-poll"
            className="input"
            type="number"
            min={0}
            max={1440}
            value={draft.pollMinutes}
            onChange={(e) => set({ pollMinutes: Number(e.target.value) })}
          />
        </Field>
        <Field id="mb-ruf" label="Failure reports: subjects and recipients" hint="Personal data in ruf reports; never leaves the ledger either way.">
          <select id="mb-ruf" className="input" value={draft.rufPersonalData} onChange={(e) => set({ rufPersonalData: e.target.value as 'keep' | 'redact' })}>
            <option value="redact">Redact (default)</option>
            <option value="keep">Keep</option>
          </select>
        </Field>
      </div>
      <div className="toolbar">
        <button className="btn primary small" onClick={() => void save()}>
          Save mailbox
        </button>
        {saved && (
          <span className="muted small" role="status">
            Saved{stored.hasPassword ? '' : ' — no password kept yet'}.
          </span>
        )}
      </div>
      {error ? <ErrorBox error={error} /> : null}
    </section>
  );
}
