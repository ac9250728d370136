import { postmarkTimestamp } from './dates';
import { domainOf } from './addresses';
import { takeId, type SimEventKind, type SimMessageEvent, type SimState } from './state';

/**
 * What happened to one recipient, decided when the message is accepted (so changing the injected behaviour
 * later does not rewrite history). A hard bounce also marks the address inactive, as Postmark does.
 */
export function eventsFor(state: SimState, recipient: string, sentAt: Date): SimMessageEvent[] {
  const kinds: SimEventKind[] = state.recipientEvents.get(recipient.toLowerCase()) ?? ['Delivered'];
  return kinds.map((kind, index) => {
    const at = postmarkTimestamp(new Date(sentAt.getTime() + (index + 1) * 1000));
    if (kind === 'Bounced') state.inactive.add(recipient.toLowerCase());
    return { Recipient: recipient, Type: kind, ReceivedAt: at, Details: detailsFor(state, kind, recipient) };
  });
}

function detailsFor(state: SimState, kind: SimEventKind, recipient: string): Record<string, unknown> {
  const mx = `mx.${domainOf(recipient)}`;
  switch (kind) {
    case 'Delivered':
      return { DeliveryMessage: 'smtp;250 2.0.0 OK: queued', DestinationServer: mx, DestinationIP: '192.0.2.25' };
    case 'Transient':
      return { DeliveryMessage: 'smtp;421 4.7.0 Try again later, closing connection.', DestinationServer: mx, DestinationIP: '192.0.2.25' };
    case 'Bounced':
      return {
        Summary: 'The server was unable to deliver your message (ex: unknown user, mailbox not found).',
        BounceID: takeId(state, 'bounce'),
      };
    case 'Opened':
      return { Summary: 'Opened using Firefox on Linux' };
    case 'LinkClicked':
      return { Summary: 'Clicked using Firefox on Linux', Link: 'https://example.com/', ClickLocation: 'HTML' };
  }
}
