import { domainOf, isEmailAddress, isPublicDomain } from './addresses';
import { asObject, getString, type JsonObject } from './body';
import { RETURN_PATH_TARGET } from './dns-verify';
import { pageOf, parsePaging } from './paging';
import { checkReturnPath, domainDetails, SPF_TEXT_VALUE } from './routes-domains';
import type { Route, RouteContext } from './router';
import { invalid, notFound, ok } from './sim-error';
import { takeId, type SimSender, type SimState } from './state';

const NOTE_LIMIT = 400;

function senderSummary(s: SimSender): Record<string, unknown> {
  return {
    Domain: domainOf(s.EmailAddress),
    EmailAddress: s.EmailAddress,
    ReplyToEmailAddress: s.ReplyToEmailAddress,
    Name: s.Name,
    Confirmed: s.Confirmed,
    ID: s.ID,
  };
}

/** SignatureDetails carries the DomainDetails of the sender's domain (empty DKIM when no Domain exists). */
function senderDetails(state: SimState, s: SimSender): Record<string, unknown> {
  const domainName = domainOf(s.EmailAddress);
  const domain = state.domains.find((d) => d.Name === domainName);
  const base = domain
    ? domainDetails(domain)
    : {
        Name: domainName,
        SPFVerified: false,
        SPFHost: domainName,
        SPFTextValue: SPF_TEXT_VALUE,
        DKIMVerified: false,
        WeakDKIM: false,
        DKIMHost: '',
        DKIMTextValue: '',
        DKIMPendingHost: '',
        DKIMPendingTextValue: '',
        DKIMRevokedHost: '',
        DKIMRevokedTextValue: '',
        SafeToRemoveRevokedKeyFromDNS: false,
        DKIMUpdateStatus: 'Pending',
        ReturnPathDomainVerified: false,
        ReturnPathDomainCNAMEValue: RETURN_PATH_TARGET,
      };
  return {
    ...base,
    ReturnPathDomain: s.ReturnPathDomain,
    ...senderSummary(s),
    ConfirmationPersonalNote: s.ConfirmationPersonalNote,
  };
}

export function findSender(state: SimState, rawId: string | undefined): SimSender {
  const sender = state.senders.find((s) => String(s.ID) === rawId);
  if (!sender) throw notFound(501, 'Sender Signature not found.');
  return sender;
}

function createSender({ env, body }: RouteContext) {
  const input = asObject(body, 520, 'sender signature');
  const email = (getString(input, 'FromEmail', 522) ?? '').trim();
  if (email === '') throw invalid(520, "The 'FromEmail' field is required.");
  if (!isEmailAddress(email)) throw invalid(522, `'${email}' is not a valid email address.`);
  if (isPublicDomain(domainOf(email))) {
    throw invalid(503, `You cannot use a public domain like ${domainOf(email)} for a sender signature.`);
  }
  if (env.state.senders.some((s) => s.EmailAddress.toLowerCase() === email.toLowerCase())) {
    throw invalid(504, `A sender signature for ${email} already exists.`);
  }
  const sender: SimSender = {
    ID: 0,
    EmailAddress: email,
    Name: '',
    ReplyToEmailAddress: '',
    ReturnPathDomain: '',
    ConfirmationPersonalNote: '',
    Confirmed: false,
  };
  applyFields(sender, input);
  sender.ID = takeId(env.state, 'sender');
  env.state.senders.push(sender);
  env.state.confirmationMails.push({ senderId: sender.ID, to: email, personalNote: sender.ConfirmationPersonalNote });
  return ok(senderDetails(env.state, sender));
}

function editSender({ env, params, body }: RouteContext) {
  const sender = findSender(env.state, params.id);
  const input = asObject(body, 502, 'sender signature');
  const draft = { ...sender };
  applyFields(draft, input);
  Object.assign(sender, draft);
  return ok(senderDetails(env.state, sender));
}

/** Name, ReplyToEmail, ReturnPathDomain and the personal note, with Postmark's codes. */
function applyFields(sender: SimSender, input: JsonObject): void {
  const name = (getString(input, 'Name', 522) ?? '').trim();
  if (name === '') throw invalid(520, "The 'Name' field is required.");
  sender.Name = name;
  const replyTo = getString(input, 'ReplyToEmail', 522);
  if (replyTo !== undefined) {
    if (replyTo !== '' && !isEmailAddress(replyTo.trim())) throw invalid(522, `'${replyTo}' is not a valid Reply-To address.`);
    sender.ReplyToEmailAddress = replyTo.trim();
  }
  const returnPath = getString(input, 'ReturnPathDomain', 522);
  if (returnPath !== undefined) sender.ReturnPathDomain = checkReturnPath(returnPath, domainOf(sender.EmailAddress));
  const note = getString(input, 'ConfirmationPersonalNote', 521);
  if (note !== undefined) {
    if (note.length > NOTE_LIMIT) {
      throw invalid(521, `The 'ConfirmationPersonalNote' field may not be longer than ${NOTE_LIMIT} characters.`);
    }
    sender.ConfirmationPersonalNote = note;
  }
}

function resend({ env, params }: RouteContext) {
  const sender = findSender(env.state, params.id);
  if (sender.Confirmed) throw invalid(506, `The sender signature ${sender.EmailAddress} is already confirmed.`);
  env.state.confirmationMails.push({ senderId: sender.ID, to: sender.EmailAddress, personalNote: sender.ConfirmationPersonalNote });
  return ok({ ErrorCode: 0, Message: `Confirmation email for Sender Signature ${sender.EmailAddress} was re-sent.` });
}

function deleteSender({ env, params }: RouteContext) {
  const sender = findSender(env.state, params.id);
  env.state.senders = env.state.senders.filter((s) => s !== sender);
  return ok({ ErrorCode: 0, Message: `Signature ${sender.EmailAddress} removed.` });
}

export const senderRoutes: Route[] = [
  {
    method: 'GET',
    pattern: '/senders',
    auth: 'account',
    handle: ({ env, query }) => {
      const paging = parsePaging(query, 500);
      return ok({ TotalCount: env.state.senders.length, SenderSignatures: pageOf(env.state.senders, paging).map(senderSummary) });
    },
  },
  { method: 'POST', pattern: '/senders', auth: 'account', handle: createSender },
  { method: 'GET', pattern: '/senders/:id', auth: 'account', handle: ({ env, params }) => ok(senderDetails(env.state, findSender(env.state, params.id))) },
  { method: 'PUT', pattern: '/senders/:id', auth: 'account', handle: editSender },
  { method: 'DELETE', pattern: '/senders/:id', auth: 'account', handle: deleteSender },
  { method: 'POST', pattern: '/senders/:id/resend', auth: 'account', handle: resend },
];
