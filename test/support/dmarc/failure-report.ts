/** RFC 6591 auth-failure reports (DMARC failure reports, ruf) as receivers send them: multipart/report, three parts. */
export interface FailureSpec {
  reporter?: string;
  domain?: string;
  sourceIp?: string;
  from?: string;
  subject?: string;
  to?: string;
  arrival?: string;
  authFailure?: string;
  deliveryResult?: string;
  feedbackType?: string;
  messageId?: string;
  /** How the failed message comes: whole (message/rfc822) or its headers only (text/rfc822-headers). */
  original?: 'message' | 'headers';
  /** base64-encode the feedback-report part (some reporters do). */
  base64Fields?: boolean;
}

export function failureReportEml(s: FailureSpec = {}): string {
  const domain = s.domain ?? 'acme.example';
  const b = '----=_ruf_42';
  const fields = [
    `Feedback-Type: ${s.feedbackType ?? 'auth-failure'}`,
    'User-Agent: Example-Receiver/1.0',
    'Version: 1',
    `Original-Mail-From: <bounces@${domain}>`,
    `Original-Rcpt-To: <${s.to ?? 'alice@receiver.example'}>`,
    `Arrival-Date: ${s.arrival ?? 'Tue, 04 Mar 2025 10:00:00 +0000'}`,
    `Source-IP: ${s.sourceIp ?? '203.0.113.66'}`,
    `Reported-Domain: ${domain}`,
    `Authentication-Results: mx.receiver.example; dmarc=fail (p=reject dis=reject) header.from=${domain}; spf=fail smtp.mailfrom=${domain}; dkim=none`,
    `Auth-Failure: ${s.authFailure ?? 'dmarc'}`,
    `Delivery-Result: ${s.deliveryResult ?? 'reject'}`,
    'Identity-Alignment: none',
  ].join('\r\n');
  const originalHeaders = [
    `From: Billing <${s.from ?? `billing@${domain}`}>`,
    `To: ${s.to ?? 'alice@receiver.example'}`,
    `Subject: ${s.subject ?? 'Your invoice 1234'}`,
    'Date: Tue, 04 Mar 2025 09:59:58 +0000',
    `Message-ID: <${s.messageId ?? 'abc123'}@${domain}>`,
  ].join('\r\n');
  const fieldsPart = s.base64Fields
    ? `Content-Type: message/feedback-report\r\nContent-Transfer-Encoding: base64\r\n\r\n${(
        Buffer.from(fields)
          .toString('base64')
          .match(/.{1,76}/g) ?? []
      ).join('\r\n')}`
    : `Content-Type: message/feedback-report\r\n\r\n${fields}`;
  const originalPart =
    s.original === 'headers'
      ? `Content-Type: text/rfc822-headers\r\n\r\n${originalHeaders}`
      : `Content-Type: message/rfc822\r\n\r\n${originalHeaders}\r\n\r\nDear customer, your invoice is attached.`;
  return [
    `From: DMARC reports <noreply-dmarc@${s.reporter ?? 'receiver.example'}>`,
    `To: ruf@vendor.example`,
    `Subject: DMARC failure report for ${domain}`,
    'MIME-Version: 1.0',
    `Content-Type: multipart/report; report-type=feedback-report;\r\n boundary="${b}"`,
    '',
    `--${b}`,
    'Content-Type: text/plain; charset=us-ascii',
    '',
    `This is an authentication failure report for a message from ${domain}.`,
    '',
    `--${b}`,
    fieldsPart,
    '',
    `--${b}`,
    originalPart,
    '',
    `--${b}--`,
    '',
  ].join('\r\n');
}
