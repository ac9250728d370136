import { canonicalName } from '../domain-name';
/**
 * Free/consumer mailbox domains. Nobody at a customer can add DNS records to them (so no option 1), and
 * Postmark refuses sender signatures on them (ErrorCode 503, so no option 2): option 3 is the only way.
 * The list covers the large providers worldwide; the Options tab also lets an operator mark a domain.
 */
export const PUBLIC_MAILBOX_DOMAINS: ReadonlySet<string> = new Set([
  // Google, Microsoft, Yahoo, AOL, Apple
  'gmail.com', 'googlemail.com',
  'outlook.com', 'outlook.fr', 'outlook.de', 'outlook.es', 'outlook.it', 'outlook.co.uk', 'hotmail.com',
  'hotmail.co.uk', 'hotmail.fr', 'hotmail.de', 'hotmail.es', 'hotmail.it', 'live.com', 'live.co.uk', 'live.fr',
  'live.de', 'msn.com', 'passport.com',
  'yahoo.com', 'yahoo.co.uk', 'yahoo.fr', 'yahoo.de', 'yahoo.es', 'yahoo.it', 'yahoo.co.jp', 'yahoo.com.br',
  'yahoo.ca', 'yahoo.com.au', 'yahoo.co.in', 'ymail.com', 'rocketmail.com',
  'aol.com', 'aim.com', 'icloud.com', 'me.com', 'mac.com',
  // Privacy-focused and independent providers
  'protonmail.com', 'protonmail.ch', 'proton.me', 'pm.me', 'tutanota.com', 'tutanota.de', 'tuta.io', 'tuta.com',
  'fastmail.com', 'fastmail.fm', 'hey.com', 'zohomail.com', 'mail.com', 'email.com', 'gmx.com', 'gmx.net',
  'gmx.de', 'gmx.at', 'gmx.ch', 'web.de', 'posteo.de', 'mailbox.org',
  // Europe
  't-online.de', 'freenet.de', 'orange.fr', 'wanadoo.fr', 'free.fr', 'laposte.net', 'sfr.fr', 'libero.it',
  'virgilio.it', 'tiscali.it', 'btinternet.com', 'sky.com', 'virginmedia.com', 'seznam.cz', 'wp.pl', 'o2.pl',
  'interia.pl', 'onet.pl', 'ziggo.nl', 'telenet.be', 'skynet.be', 'bluewin.ch',
  // Russia and neighbours
  'yandex.ru', 'yandex.com', 'ya.ru', 'mail.ru', 'inbox.ru', 'list.ru', 'bk.ru', 'rambler.ru', 'ukr.net',
  // Asia
  'qq.com', 'foxmail.com', '163.com', '126.com', 'yeah.net', 'sina.com', 'sohu.com', 'aliyun.com', 'naver.com',
  'hanmail.net', 'daum.net', 'rediffmail.com',
  // Americas and Oceania ISPs
  'comcast.net', 'verizon.net', 'att.net', 'sbcglobal.net', 'bellsouth.net', 'cox.net', 'charter.net',
  'earthlink.net', 'optonline.net', 'shaw.ca', 'rogers.com', 'sympatico.ca', 'uol.com.br', 'bol.com.br',
  'terra.com.br', 'bigpond.com', 'optusnet.com.au', 'xtra.co.nz',
]);

export function isPublicMailboxDomain(domain: string): boolean {
  return PUBLIC_MAILBOX_DOMAINS.has(canonicalName(domain));
}

/** The domain part of an address, lower-cased; '' when there is none. */
export function domainOfAddress(address: string): string {
  const at = address.lastIndexOf('@');
  return at < 0 ? '' : canonicalName(address.slice(at + 1));
}
