import type { Models } from 'postmark';
import * as A from './answers';
import { createCallRunner, type PostmarkGatewayOptions } from './call';
import { mapErrorCode } from './error-map';
import { parseInactiveRecipients } from './inactive';
import type {
  BatchItemResult,
  CreateDomainInput,
  CreateSenderInput,
  CreateServerInput,
  EditDomainInput,
  EditSenderInput,
  EditServerInput,
  OutboundFilter,
  OutboundPage,
  PostmarkDefaultResponse,
  PostmarkDomain,
  PostmarkDomainDetails,
  PostmarkMessage,
  PostmarkOutboundMessageDetails,
  PostmarkServer,
  PostmarkSignature,
  PostmarkSignatureDetails,
  SendResult,
} from './types';

export type { PostmarkGatewayOptions } from './call';

/** Everything Behalf asks of Postmark. Every method throws PostmarkGatewayError on failure. */
export interface PostmarkGateway {
  listAllServers(filter?: { name?: string }): Promise<PostmarkServer[]>;
  getServer(id: number): Promise<PostmarkServer>;
  createServer(input: CreateServerInput): Promise<PostmarkServer>;
  editServer(id: number, input: EditServerInput): Promise<PostmarkServer>;
  deleteServer(id: number): Promise<PostmarkDefaultResponse>;

  listAllDomains(): Promise<PostmarkDomain[]>;
  getDomain(id: number): Promise<PostmarkDomainDetails>;
  createDomain(input: CreateDomainInput): Promise<PostmarkDomainDetails>;
  editDomain(id: number, input: EditDomainInput): Promise<PostmarkDomainDetails>;
  deleteDomain(id: number): Promise<PostmarkDefaultResponse>;
  verifyDkim(id: number): Promise<PostmarkDomainDetails>;
  verifyReturnPath(id: number): Promise<PostmarkDomainDetails>;
  rotateDkim(id: number): Promise<PostmarkDomainDetails>;

  listAllSenders(): Promise<PostmarkSignature[]>;
  getSender(id: number): Promise<PostmarkSignatureDetails>;
  createSender(input: CreateSenderInput): Promise<PostmarkSignatureDetails>;
  editSender(id: number, input: EditSenderInput): Promise<PostmarkSignatureDetails>;
  deleteSender(id: number): Promise<PostmarkDefaultResponse>;
  resendConfirmation(id: number): Promise<PostmarkDefaultResponse>;

  sendEmail(serverToken: string, message: PostmarkMessage): Promise<SendResult>;
  sendBatch(serverToken: string, messages: PostmarkMessage[]): Promise<BatchItemResult[]>;
  getOutboundMessages(serverToken: string, filter?: OutboundFilter): Promise<OutboundPage>;
  getMessageDetails(serverToken: string, messageId: string): Promise<PostmarkOutboundMessageDetails>;
}

const PAGE = 500;

/** Every answer is checked against its schema in answers.ts (the same ones the live contract suite uses). */
const shaped = async <T>(schema: Parameters<typeof A.expectShape>[0], operation: string, answer: Promise<T>): Promise<T> =>
  A.expectShape(schema, operation, await answer);

export function createPostmarkGateway(opts: PostmarkGatewayOptions): PostmarkGateway {
  const calls = createCallRunner(opts);

  /** Walks every page; each page is its own call, so one flaky page is retried alone. */
  async function listAll<T>(operation: string, fetchPage: (offset: number) => Promise<{ total: number; items: T[] }>): Promise<T[]> {
    const all: T[] = [];
    for (;;) {
      const page = await fetchPage(all.length);
      all.push(...page.items);
      if (page.items.length === 0 || all.length >= page.total) return all;
      if (all.length > 100_000) throw new Error(`${operation}: more than 100,000 items; refusing to continue`);
    }
  }

  const toSendResult = (r: Models.MessageSendingResponse): SendResult => ({
    messageId: r.MessageID,
    submittedAt: r.SubmittedAt,
    to: r.To ?? '',
    inactiveRecipients: parseInactiveRecipients(r.Message ?? ''),
  });

  return {
    listAllServers: (filter = {}) =>
      listAll('list servers', async (offset) => {
        const page = A.expectShape(
          A.serverListAnswer,
          'list servers',
          await calls.account('list servers', (c) => c.getServers({ count: PAGE, offset, ...(filter.name ? { name: filter.name } : {}) })),
        );
        return { total: page.TotalCount, items: page.Servers };
      }),
    getServer: (id) =>
      shaped(
        A.serverAnswer,
        `read server ${id}`,
        calls.account(`read server ${id}`, (c) => c.getServer(id)),
      ),
    createServer: (input) =>
      shaped(
        A.serverAnswer,
        'create a server',
        calls.account(`create the server '${input.Name ?? ''}'`, (c) => c.createServer(input)),
      ),
    editServer: (id, input) =>
      shaped(
        A.serverAnswer,
        `edit server ${id}`,
        calls.account(`edit server ${id}`, (c) => c.editServer(id, input)),
      ),
    deleteServer: (id) =>
      shaped(
        A.defaultAnswer,
        `delete server ${id}`,
        calls.account(`delete server ${id}`, (c) => c.deleteServer(id)),
      ),

    listAllDomains: () =>
      listAll('list domains', async (offset) => {
        const page = A.expectShape(A.domainListAnswer, 'list domains', await calls.account('list domains', (c) => c.getDomains({ count: PAGE, offset })));
        return { total: page.TotalCount, items: page.Domains };
      }),
    getDomain: (id) =>
      shaped(
        A.domainDetailsAnswer,
        `read domain ${id}`,
        calls.account(`read domain ${id}`, (c) => c.getDomain(id)),
      ),
    createDomain: (input) =>
      shaped(
        A.domainDetailsAnswer,
        'create a domain',
        calls.account(`create the domain '${input.Name}'`, (c) => c.createDomain(input)),
      ),
    editDomain: (id, input) =>
      shaped(
        A.domainDetailsAnswer,
        `edit domain ${id}`,
        calls.account(`edit domain ${id}`, (c) => c.editDomain(id, input)),
      ),
    deleteDomain: (id) =>
      shaped(
        A.defaultAnswer,
        `delete domain ${id}`,
        calls.account(`delete domain ${id}`, (c) => c.deleteDomain(id)),
      ),
    verifyDkim: (id) =>
      shaped(
        A.domainDetailsAnswer,
        `verify DKIM of domain ${id}`,
        calls.account(`verify DKIM of domain ${id}`, (c) => c.verifyDomainDKIM(id)),
      ),
    verifyReturnPath: (id) =>
      shaped(
        A.domainDetailsAnswer,
        `verify the Return-Path of domain ${id}`,
        calls.account(`verify the Return-Path of domain ${id}`, (c) => c.verifyDomainReturnPath(id)),
      ),
    rotateDkim: (id) =>
      shaped(
        A.domainDetailsAnswer,
        `rotate the DKIM key of domain ${id}`,
        calls.account(`rotate the DKIM key of domain ${id}`, (c) => c.rotateDomainDKIM(id)),
      ),

    listAllSenders: () =>
      listAll('list sender signatures', async (offset) => {
        const page = A.expectShape(
          A.signatureListAnswer,
          'list sender signatures',
          await calls.account('list sender signatures', (c) => c.getSenderSignatures({ count: PAGE, offset })),
        );
        return { total: page.TotalCount, items: page.SenderSignatures };
      }),
    getSender: (id) =>
      shaped(
        A.signatureDetailsAnswer,
        `read sender signature ${id}`,
        calls.account(`read sender signature ${id}`, (c) => c.getSenderSignature(id)),
      ),
    createSender: (input) =>
      shaped(
        A.signatureDetailsAnswer,
        'create a sender signature',
        calls.account(`create the sender signature '${input.FromEmail}'`, (c) => c.createSenderSignature(input)),
      ),
    editSender: (id, input) =>
      shaped(
        A.signatureDetailsAnswer,
        `edit sender signature ${id}`,
        calls.account(`edit sender signature ${id}`, (c) => c.editSenderSignature(id, input)),
      ),
    deleteSender: (id) =>
      shaped(
        A.defaultAnswer,
        `delete sender signature ${id}`,
        calls.account(`delete sender signature ${id}`, (c) => c.deleteSenderSignature(id)),
      ),
    resendConfirmation: (id) =>
      shaped(
        A.defaultAnswer,
        `resend the confirmation of sender signature ${id}`,
        calls.account(`resend the confirmation of sender signature ${id}`, (c) => c.resendSenderSignatureConfirmation(id)),
      ),

    async sendEmail(serverToken, message) {
      const res = A.expectShape(A.sendAnswer, 'send the email', await calls.server(serverToken, 'send the email', (c) => c.sendEmail(message), 'refused-only'));
      return toSendResult(res);
    },

    async sendBatch(serverToken, messages) {
      const operation = `send a batch of ${messages.length} emails`;
      const results = A.expectShape(A.batchAnswer, operation, await calls.server(serverToken, operation, (c) => c.sendEmailBatch(messages), 'refused-only'));
      // Batch answers are 200 with a per-item ErrorCode: map failures item by item, in request order.
      return results.map((r, index): BatchItemResult =>
        r.ErrorCode === 0
          ? { ok: true, ...toSendResult(r) }
          : { ok: false, error: mapErrorCode(422, r.ErrorCode, r.Message, calls.failureContext(`send batch item ${index + 1}`, 'server', serverToken)) },
      );
    },

    async getOutboundMessages(serverToken, filter = {}) {
      const page = A.expectShape(
        A.outboundPageAnswer,
        'search outbound messages',
        await calls.server(serverToken, 'search outbound messages', (c) => c.getOutboundMessages(outboundQuery(filter))),
      );
      return { totalCount: Number(page.TotalCount), messages: page.Messages };
    },

    getMessageDetails: (serverToken, messageId) =>
      shaped(
        A.messageDetailsAnswer,
        `read message ${messageId}`,
        calls.server(serverToken, `read message ${messageId}`, (c) => c.getOutboundMessageDetails(messageId)),
      ),
  };
}

function outboundQuery(filter: OutboundFilter): Models.OutboundMessagesFilteringParameters {
  const query: Record<string, string | number> = { count: filter.count ?? 100, offset: filter.offset ?? 0 };
  const keys: [keyof OutboundFilter, string][] = [
    ['recipient', 'recipient'],
    ['fromEmail', 'fromemail'],
    ['tag', 'tag'],
    ['status', 'status'],
    ['subject', 'subject'],
    ['fromDate', 'fromdate'],
    ['toDate', 'todate'],
    ['messageStream', 'messagestream'],
  ];
  for (const [from, to] of keys) {
    const value = filter[from];
    if (typeof value === 'string' && value !== '') query[to] = value;
  }
  for (const [key, value] of Object.entries(filter.metadata ?? {})) query[`metadata_${key}`] = value;
  return query as Models.OutboundMessagesFilteringParameters;
}
