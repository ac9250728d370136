import { describe, expect, it } from 'vitest';
import { planSwitch } from '../../../src-main/domain/switch-plan';
import { switchActions, type LinkFacts, type WaitingRemoval } from '../../../src-main/postmark/switch/switch-actions';
import type { SendingOption } from '../../../src-preload/api/tenants';

const server: LinkFacts = { kind: 'server', postmarkId: 1, name: 'behalf-acme' };
const domain: LinkFacts = { kind: 'domain', postmarkId: 20, name: 'acme.com' };
const sender: LinkFacts = { kind: 'sender', postmarkId: 30, name: 'news@acme.com' };
const parkedSender: WaitingRemoval = { id: 7, kind: 'sender', postmarkId: 30, label: 'Sender signature news@acme.com' };
const parkedDomain: WaitingRemoval = { id: 8, kind: 'domain', postmarkId: 20, label: 'Postmark domain acme.com' };

function actions(from: SendingOption | null, to: SendingOption, links: LinkFacts[], waiting: WaitingRemoval[] = []) {
  const pm = {
    ...(links.includes(server) ? { serverId: 1 } : {}),
    ...(links.includes(domain) ? { domainId: 20, domainName: 'acme.com' } : {}),
    ...(links.includes(sender) ? { senderId: 30, senderEmail: 'news@acme.com' } : {}),
  };
  const plan = planSwitch({ from, to, postmark: pm, tenant: { name: 'Acme', domain: 'acme.com', fromAddress: 'news@acme.com' } });
  const a = switchActions({ plan, links, waiting });
  return {
    create: a.create.join(','),
    now: a.removeNow.map((r) => `${r.kind}:${r.postmarkId}`).join(','),
    defer: a.defer.map((r) => `${r.kind}:${r.condition}`).join(','),
    cancel: a.cancelWaiting.map((w) => w.id).join(','),
    release: a.releaseWaiting.map((w) => w.id).join(','),
    queueNow: a.queueNow,
    applies: a.applies,
  };
}

describe('switchActions: what a click queues now, parks, cancels or releases', () => {
  it.each([
    [
      '2 → 1: domain now, signature after the domain verifies',
      2,
      1,
      [server, sender],
      [],
      { create: 'domain', now: '', defer: 'sender:after-domain-verified', queueNow: 1 },
    ],
    [
      '1 → 2: signature now, domain after the signature is confirmed',
      1,
      2,
      [server, domain],
      [],
      { create: 'sender', now: '', defer: 'domain:after-signature-confirmed', queueNow: 1 },
    ],
    [
      '1 → 3: domain removed now (the From becomes the vendor address), nothing created',
      1,
      3,
      [server, domain],
      [],
      { create: '', now: 'domain:20', defer: '', queueNow: 1 },
    ],
    ['2 → 3: signature removed now', 2, 3, [server, sender], [], { create: '', now: 'sender:30', defer: '', queueNow: 1 }],
    ['3 → 2: the sender is created, nothing removed', 3, 2, [server], [], { create: 'sender', now: '', defer: '', queueNow: 1 }],
    ['3 → 1 without a server: server and domain created', 3, 1, [domain], [], { create: 'server', now: '', defer: '', queueNow: 1 }],
    [
      '2 → 1 → 2 before the domain verified: the parked signature removal is cancelled',
      1,
      2,
      [server, domain, sender],
      [parkedSender],
      { create: '', defer: 'domain:after-signature-confirmed', cancel: '7', queueNow: 0 },
    ],
    [
      '2 → 1 → 3: the signature parked for the domain goes now too',
      1,
      3,
      [server, domain, sender],
      [parkedSender],
      { now: 'domain:20', release: '7', queueNow: 2 },
    ],
    [
      '1 → 2 → 3: the parked domain is superseded by the removal queued now',
      2,
      3,
      [server, domain, sender],
      [parkedDomain],
      { now: 'sender:30', release: '8', cancel: '', queueNow: 2 },
    ],
  ] as const)('%s', (_t, from, to, links, waiting, expected) => {
    expect(actions(from, to, [...links], [...waiting])).toMatchObject(expected);
  });

  it('does nothing for a tenant with nothing in Postmark, or when the option does not change', () => {
    expect(actions(2, 1, [])).toMatchObject({ applies: false, queueNow: 0, create: '' });
    expect(actions(1, 1, [server, domain])).toMatchObject({ applies: false, queueNow: 0 });
  });
});
