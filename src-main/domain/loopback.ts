import net from 'node:net';

/**
 * The one rule for "this machine": where a secret may travel without TLS (the Postmark simulator or a local
 * proxy, a test IMAP server). localhost and its subdomains (RFC 6761), 127.0.0.0/8, ::1 and its IPv4-mapped form.
 */
export function isLoopback(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (h === 'localhost' || h.endsWith('.localhost')) return true;
  if (net.isIPv4(h)) return h.startsWith('127.');
  if (net.isIPv6(h)) return h === '::1' || /^::ffff:127\./.test(h);
  return false;
}
