import type { Database } from 'better-sqlite3';
import { BehalfError } from '../../../src-preload/api/errors';
import type { TaskContext } from '../../core/tasks';
import { createPostmarkDmarcClient, POSTMARK_DMARC_DEFAULT_URL, type PostmarkDmarcClient } from './client';
import { pullPostmarkDmarcReports, type PullResult } from './pull';
import { checkSecretEndpoint } from '../../postmark/endpoint';

/** Where the private token lives in the vault. It is never returned to a door. */
export const POSTMARK_DMARC_SECRET = 'postmark-dmarc.token';

export interface PostmarkDmarcServiceDeps {
  db: Database;
  env: Record<string, string | undefined>;
  vault: { getSecret(name: string): string | undefined; setSecret(name: string, value: string): void; forgetSecret(name: string): void };
  tasks: { start<T>(kind: string, label: string, run: (ctx: TaskContext) => Promise<T>): { taskId: string; done: Promise<T> } };
}

/** Postmark DMARC monitoring for the doors: connect (create the record, keep the token), DNS snippet, verify, pull reports. */
export function createPostmarkDmarcService(deps: PostmarkDmarcServiceDeps) {
  /** Environment only (never the contract), and https unless on this machine: the DMARC token goes there. */
  const baseUrl = () => checkSecretEndpoint(deps.env.BEHALF_POSTMARK_DMARC_URL?.trim() || POSTMARK_DMARC_DEFAULT_URL, 'The Postmark DMARC API URL');
  const client = (): PostmarkDmarcClient => createPostmarkDmarcClient({ baseUrl: baseUrl(), token: () => deps.vault.getSecret(POSTMARK_DMARC_SECRET) });

  return {
    status() {
      return { configured: deps.vault.getSecret(POSTMARK_DMARC_SECRET) !== undefined, baseUrl: baseUrl() };
    },

    /** Creates the monitoring record and keeps its private token in the vault; returns what to publish. */
    async connect(email: string, domain: string) {
      const c = client();
      const { record, privateToken } = await c.createRecord(email, domain);
      deps.vault.setSecret(POSTMARK_DMARC_SECRET, privateToken);
      const dns = await c.dns();
      return { record: { domain: record.domain, email: record.email, reportingUri: record.reporting_uri }, dns };
    },

    /** For a record created elsewhere: checks the token works before keeping it. */
    async useToken(token: string) {
      const c = createPostmarkDmarcClient({ baseUrl: baseUrl(), token: () => token });
      const record = await c.record();
      deps.vault.setSecret(POSTMARK_DMARC_SECRET, token);
      return { record: { domain: record.domain, email: record.email, reportingUri: record.reporting_uri }, dns: await c.dns() };
    },

    forget() {
      deps.vault.forgetSecret(POSTMARK_DMARC_SECRET);
      return { configured: false, baseUrl: baseUrl() };
    },

    dns: () => client().dns(),
    /** Read-only: the monitoring record the stored token belongs to (doctor). */
    record: () => client().record(),
    verify: () => client().verify(),

    /** A task of kind 'dmarc.import', so its result is read like a file import (dmarc.importResult). */
    pull(range: { from?: string; to?: string } = {}): { taskId: string } {
      if (!deps.vault.getSecret(POSTMARK_DMARC_SECRET)) {
        throw new BehalfError(
          'postmark-dmarc.no-token',
          'Postmark DMARC is not connected yet.',
          'Connect it first: create the monitoring record or paste its token.',
        );
      }
      const c = client();
      const { taskId } = deps.tasks.start('dmarc.import', 'Pull reports from Postmark DMARC', ({ signal, progress }): Promise<PullResult> =>
        pullPostmarkDmarcReports(deps.db, c, { fromDate: range.from, toDate: range.to, signal, progress }),
      );
      return { taskId };
    },
  };
}

export type PostmarkDmarcService = ReturnType<typeof createPostmarkDmarcService>;
