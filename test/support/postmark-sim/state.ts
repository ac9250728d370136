import { randomBytes, randomUUID } from 'node:crypto';

/**
 * The simulator's whole memory, kept as plain arrays so tests can inspect it directly
 * (e.g. `sim.state.servers.length` to prove nothing was created twice).
 * Records use Postmark's field names where a field is also returned over the API.
 */

export interface SimServer {
  ID: number;
  Name: string;
  ApiTokens: string[];
  Color: string;
  SmtpApiActivated: boolean;
  RawEmailEnabled: boolean;
  DeliveryType: 'Live' | 'Sandbox';
  InboundHash: string;
  InboundDomain: string;
  InboundHookUrl: string;
  BounceHookUrl: string;
  OpenHookUrl: string;
  DeliveryHookUrl: string;
  ClickHookUrl: string;
  PostFirstOpenOnly: boolean;
  InboundSpamThreshold: number;
  TrackOpens: boolean;
  TrackLinks: string;
  IncludeBounceContentInHook: boolean;
  EnableSmtpApiErrorHooks: boolean;
}

export interface DkimKey {
  host: string;
  value: string;
}

export interface SimDomain {
  ID: number;
  Name: string;
  ReturnPathDomain: string;
  ReturnPathDomainVerified: boolean;
  /** Once true it stays true, even if the record later disappears (documented Postmark behaviour). */
  DKIMVerified: boolean;
  active: DkimKey | null;
  pending: DkimKey | null;
  revoked: DkimKey | null;
  safeToRemoveRevoked: boolean;
}

export interface SimSender {
  ID: number;
  EmailAddress: string;
  Name: string;
  ReplyToEmailAddress: string;
  ReturnPathDomain: string;
  ConfirmationPersonalNote: string;
  Confirmed: boolean;
}

export interface SimRecipient {
  Email: string;
  Name: string;
}

export interface SimMessageEvent {
  Recipient: string;
  Type: string;
  ReceivedAt: string;
  Details: Record<string, unknown>;
}

export interface SimMessage {
  MessageID: string;
  serverId: number;
  From: string;
  To: SimRecipient[];
  Cc: SimRecipient[];
  Bcc: SimRecipient[];
  Subject: string;
  Tag: string;
  Metadata: Record<string, string>;
  /** Custom headers the sender asked for, as the receiving mailbox would see them. */
  Headers: { Name: string; Value: string }[];
  MessageStream: string;
  TextBody: string;
  HtmlBody: string;
  Attachments: string[];
  TrackOpens: boolean;
  TrackLinks: string;
  ReceivedAt: string;
  Sandboxed: boolean;
  /** Every event this message will have; each is shown only once the simulator's clock has passed its time. */
  MessageEvents: SimMessageEvent[];
  /** Simulator clock (ms) when Postmark accepted it: search and details see it only after the indexing lag. */
  acceptedAtMs: number;
}

/** A mail Postmark would have sent to a sender signature's address (the confirmation link). */
export interface SimConfirmationMail {
  senderId: number;
  to: string;
  personalNote: string;
}

/** What later sends to a recipient will produce, in order (default: one Delivered event). */
export type SimEventKind = 'Delivered' | 'Bounced' | 'Transient' | 'Opened' | 'LinkClicked';

export interface SimRequestLog {
  method: string;
  path: string;
  status: number;
}

export interface SimState {
  servers: SimServer[];
  domains: SimDomain[];
  senders: SimSender[];
  messages: SimMessage[];
  confirmationMails: SimConfirmationMail[];
  /** Lower-cased addresses that Postmark treats as inactive (hard bounce, complaint, suppression). */
  inactive: Set<string>;
  recipientEvents: Map<string, SimEventKind[]>;
  requests: SimRequestLog[];
  /** Off lets tests reproduce ErrorCode 604 ("not allowed to delete servers"). */
  serverDeletionEnabled: boolean;
  /**
   * How long a just-accepted message stays out of /messages/outbound and its details (422/701), like the live
   * API (postmark.js integration tests wait and retry). Default 10 s; tests move the clock with `sim.elapse`.
   */
  searchLagMs: number;
  /** Added to Date.now() for everything time-based in the simulator (`sim.elapse(ms)`). */
  clockOffsetMs: number;
  /** False = a fresh account pending approval: only its own domains may receive mail (ErrorCode 412). */
  accountApproved: boolean;
  nextIds: { server: number; domain: number; sender: number; bounce: number; dkim: number };
}

/** Realistic default: the client's own live tests retry for up to ~15 s before giving up on a fresh message. */
export const DEFAULT_SEARCH_LAG_MS = 10_000;
/** After indexing, a message stays `Queued` this long before it is `Sent` and its events start to arrive. */
export const QUEUED_FOR_MS = 2_000;

export function simNow(state: SimState): number {
  return Date.now() + state.clockOffsetMs;
}

/**
 * Each kind gets its own ID range so a test that passes a domain ID where a server ID belongs
 * gets "not found" instead of silently hitting another object.
 */
export function createState(): SimState {
  return {
    servers: [],
    domains: [],
    senders: [],
    messages: [],
    confirmationMails: [],
    inactive: new Set(),
    recipientEvents: new Map(),
    requests: [],
    serverDeletionEnabled: true,
    searchLagMs: DEFAULT_SEARCH_LAG_MS,
    clockOffsetMs: 0,
    accountApproved: true,
    nextIds: { server: 1001, domain: 2001, sender: 3001, bounce: 4001, dkim: 0 },
  };
}

export function newServerToken(): string {
  return randomUUID();
}

export function takeId(state: SimState, kind: 'server' | 'domain' | 'sender' | 'bounce'): number {
  const id = state.nextIds[kind];
  state.nextIds[kind] = id + 1;
  return id;
}

/** A new server as Postmark creates it: one API token and the defaults of POST /servers for every other field. */
export function newSimServer(state: SimState, name: string, deliveryType: SimServer['DeliveryType']): SimServer {
  return {
    ID: takeId(state, 'server'),
    Name: name,
    ApiTokens: [newServerToken()],
    Color: 'Purple',
    SmtpApiActivated: true,
    RawEmailEnabled: false,
    DeliveryType: deliveryType,
    InboundHash: randomBytes(16).toString('hex'),
    InboundDomain: '',
    InboundHookUrl: '',
    BounceHookUrl: '',
    OpenHookUrl: '',
    DeliveryHookUrl: '',
    ClickHookUrl: '',
    PostFirstOpenOnly: false,
    InboundSpamThreshold: 0,
    TrackOpens: false,
    TrackLinks: 'None',
    IncludeBounceContentInHook: false,
    EnableSmtpApiErrorHooks: false,
  };
}
