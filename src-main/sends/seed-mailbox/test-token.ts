/**
 * The header every test message carries, one value per seed per send, so the copy can be found in the seed's
 * mailbox by IMAP SEARCH HEADER (Postmark passes custom headers through; its MessageID is not the Message-ID).
 */
export const TEST_HEADER = 'X-Behalf-Test';
export const testToken = (sendKey: string, recipientId: number) => `${sendKey}.${recipientId}`;
