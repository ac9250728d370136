import { describe, expect, it } from 'vitest';
import { createDispatch } from '../../../src-main/app/dispatch';
import { createHandlers } from '../../../src-main/app/handlers';
import { tempServices } from '../../support/temp';

describe('tenants.list row states', () => {
  it('carries the latest DNS check and open Postmark jobs per row, and nothing for untouched tenants', async () => {
    const s = tempServices();
    const a = s.tenants.create({ name: 'Checked', domain: 'checked.example' });
    const b = s.tenants.create({ name: 'Quiet', domain: 'quiet.example' });
    const insertCheck = s.db.prepare(`INSERT INTO dns_checks (tenant_id, domain, checked_at, status, report_json, drift_json) VALUES (?, ?, ?, ?, '{}', ?)`);
    insertCheck.run(a.id, a.domain, '2026-11-01T00:00:00Z', 'ok', '[]');
    insertCheck.run(a.id, a.domain, '2026-11-02T00:00:00Z', 'failing', '[{"code":"dkim-gone"}]');
    const insertJob = s.db.prepare(
      `INSERT INTO postmark_jobs (tenant_id, kind, payload_json, idempotency_key, state, created_at, updated_at) VALUES (?, 'create-server', '{}', ?, ?, 'x', 'x')`,
    );
    insertJob.run(a.id, 'k1', 'queued');
    insertJob.run(a.id, 'k2', 'needs-attention');
    insertJob.run(a.id, 'k3', 'succeeded');

    const r = await createDispatch(createHandlers(s))('tenants.list', {});
    expect(r.ok).toBe(true);
    const states = (r as { value: { states: Record<string, unknown> } }).value.states;
    expect(states[a.id]).toEqual({
      lastCheck: { status: 'failing', checkedAt: '2026-11-02T00:00:00Z', driftCount: 1 },
      pendingJobs: 1,
      attentionJobs: 1,
      changedBy: null,
    });
    expect(states[b.id]).toEqual({ lastCheck: null, pendingJobs: 0, attentionJobs: 0, changedBy: null });
  });

  it("names who made each tenant's latest change when the audit trail names operators (team mode)", async () => {
    const s = tempServices();
    const a = s.tenants.create({ name: 'Shared', domain: 'shared.example' });
    const b = s.tenants.create({ name: 'Alone', domain: 'alone.example' });
    const insertAudit = s.db.prepare(`INSERT INTO audit (tenant_id, at, action, operator_name, operator_email) VALUES (?, ?, 'updated', ?, ?)`);
    insertAudit.run(a.id, '2026-11-01T10:00:00Z', 'Jane Doe', 'jane@vendor.example');
    insertAudit.run(a.id, '2026-11-02T10:00:00Z', 'Omar Ali', 'omar@vendor.example');
    // Pulled later from the team but made earlier: the latest change by time wins, not the latest row.
    insertAudit.run(a.id, '2026-10-30T10:00:00Z', 'Late Arrival', 'late@vendor.example');

    const r = await createDispatch(createHandlers(s))('tenants.list', {});
    const states = (r as { value: { states: Record<string, { changedBy: string | null }> } }).value.states;
    expect(states[a.id]!.changedBy).toBe('Omar Ali');
    expect(states[b.id]!.changedBy).toBeNull();
  });
});
