import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { TenantHealthChip } from '../../../src-renderer/components/Status';

/** The chip the tenants list and the tenant's page header both render: one answer to "how is this tenant?". */
const text = (status: Parameters<typeof TenantHealthChip>[0]['status'], lastCheck: { status: string } | null) =>
  renderToStaticMarkup(createElement(TenantHealthChip, { status, lastCheck })).replace(/<[^>]+>/g, '');
const tone = (status: Parameters<typeof TenantHealthChip>[0]['status'], lastCheck: { status: string } | null) =>
  /class="status (\w+)"/.exec(renderToStaticMarkup(createElement(TenantHealthChip, { status, lastCheck })))![1];

describe('TenantHealthChip (tenants list and tenant header)', () => {
  it('a live tenant whose last check fails says so, in the failing tone', () => {
    expect(text('live', { status: 'failing' })).toBe('✕live · DNS failing');
    expect(tone('live', { status: 'failing' })).toBe('failing');
    expect(text('live', { status: 'error' })).toBe('⚠live · DNS lookup failed');
  });
  it('a passing or warning check, or none yet, leaves the lifecycle status', () => {
    expect(text('live', { status: 'ok' })).toBe('✓live');
    expect(text('live', { status: 'warning' })).toBe('✓live');
    expect(text('live', null)).toBe('✓live');
  });
  it('a tenant not yet live keeps its status: the check is expected to fail while records are pending', () => {
    expect(text('awaiting-dns', { status: 'failing' })).toBe('◔awaiting DNS');
    expect(tone('draft', { status: 'failing' })).toBe('unknown');
  });
});
