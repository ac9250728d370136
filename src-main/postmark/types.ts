import type { Models } from 'postmark';
import type { PostmarkGatewayError } from './errors';

/** Postmark's own models, re-exported under names that read well in Behalf code. */
export type PostmarkServer = Models.Server;
export type PostmarkDomain = Models.Domain;
export type PostmarkDomainDetails = Models.DomainDetails;
export type PostmarkSignature = Models.Signature;
export type PostmarkSignatureDetails = Models.SignatureDetails;
export type PostmarkMessage = Models.Message;
export type PostmarkOutboundMessage = Models.OutboundMessage;
export type PostmarkOutboundMessageDetails = Models.OutboundMessageDetails;
export type PostmarkDefaultResponse = Models.DefaultResponse;

export type CreateServerInput = Models.CreateServerRequest;
export type EditServerInput = Models.UpdateServerRequest;
export interface CreateDomainInput {
  Name: string;
  ReturnPathDomain?: string;
}
export interface EditDomainInput {
  ReturnPathDomain: string;
}
export interface CreateSenderInput {
  FromEmail: string;
  Name: string;
  ReplyToEmail?: string;
  ReturnPathDomain?: string;
  ConfirmationPersonalNote?: string;
}
export interface EditSenderInput {
  Name: string;
  ReplyToEmail?: string;
  ReturnPathDomain?: string;
  ConfirmationPersonalNote?: string;
}

/** A send Postmark accepted; `inactiveRecipients` lists addresses it will not deliver to (partial 406). */
export interface SendResult {
  messageId: string;
  submittedAt: string;
  to: string;
  inactiveRecipients: string[];
}

export type BatchItemResult = ({ ok: true } & SendResult) | { ok: false; error: PostmarkGatewayError };

/** Outbound search; keys go on the wire in the lower case Postmark documents (postmark.js #154). */
export interface OutboundFilter {
  count?: number;
  offset?: number;
  recipient?: string;
  fromEmail?: string;
  tag?: string;
  status?: 'queued' | 'sent' | 'processed';
  subject?: string;
  fromDate?: string;
  toDate?: string;
  messageStream?: string;
  metadata?: Record<string, string>;
}

export interface OutboundPage {
  totalCount: number;
  messages: PostmarkOutboundMessage[];
}

/** A server as the UI may see it: everything except ApiTokens. */
export type PublicServer = Omit<PostmarkServer, 'ApiTokens'>;

export function withoutTokens(server: PostmarkServer): PublicServer {
  const { ApiTokens: _tokens, ...rest } = server;
  return rest;
}
