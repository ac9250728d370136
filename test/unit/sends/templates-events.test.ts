import { describe, expect, it } from 'vitest';
import { DEFAULT_BODY, DEFAULT_SUBJECT, latestEventFor, renderTemplate, templateProblems } from '../../../src-main/sends';

const values = { tenant: { name: 'Acme', domain: 'acme.com' }, seed: { provider: 'Gmail', address: 's@gmail.test' }, date: '2026-11-26 14:00 UTC' };

describe('templates', () => {
  it('fills every placeholder, with spaces inside the braces allowed', () => {
    expect(renderTemplate('{{tenant.name}}|{{ tenant.domain }}|{{seed.provider}}|{{seed.address}}|{{date}}', values)).toBe(
      'Acme|acme.com|Gmail|s@gmail.test|2026-11-26 14:00 UTC',
    );
    expect(templateProblems(DEFAULT_SUBJECT, DEFAULT_BODY)).toEqual([]);
  });

  it('names unknown placeholders and empty parts instead of sending them verbatim', () => {
    const problems = templateProblems('Hi {{tenant.nmae}}', '');
    expect(problems.join(' ')).toContain('{{tenant.nmae}}');
    expect(problems.join(' ')).toMatch(/body is empty/);
  });
});

describe('latest event per recipient', () => {
  const events = [
    { Recipient: 'a@x.test', Type: 'Delivered', ReceivedAt: '2026-01-01T10:00:01-05:00', Details: { DeliveryMessage: '250 OK' } },
    { Recipient: 'a@x.test', Type: 'Opened', ReceivedAt: '2026-01-01T10:05:00-05:00', Details: { Summary: 'Opened in Firefox' } },
    { Recipient: 'b@x.test', Type: 'Transient', ReceivedAt: '2026-01-01T10:00:01-05:00', Details: {} },
    { Recipient: 'b@x.test', Type: 'Bounced', ReceivedAt: '2026-01-01T10:00:02-05:00', Details: { Summary: 'mailbox not found' } },
    { Recipient: 'b@x.test', Type: 'Opened', ReceivedAt: '2026-01-01T11:00:00-05:00', Details: {} },
  ];
  it('takes the newest event, but a bounce always wins', () => {
    expect(latestEventFor(events, 'A@x.test')).toEqual({ type: 'Opened', at: '2026-01-01T10:05:00-05:00', detail: 'Opened in Firefox', server: '' });
    expect(latestEventFor(events, 'b@x.test')).toMatchObject({ type: 'Bounced', detail: 'mailbox not found' });
    expect(latestEventFor(events, 'c@x.test')).toBeNull();
    expect(
      latestEventFor(
        [
          {
            Recipient: 'd@x.test',
            Type: 'Delivered',
            ReceivedAt: '2026-01-01T10:00:01-05:00',
            Details: { DeliveryMessage: '250 OK', DestinationServer: 'mx.gmail.com' },
          },
        ],
        'd@x.test',
      ),
    ).toEqual({ type: 'Delivered', at: '2026-01-01T10:00:01-05:00', detail: '250 OK', server: 'mx.gmail.com' });
    expect(latestEventFor(undefined, 'a@x.test')).toBeNull();
  });
});
