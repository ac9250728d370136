import zlib from 'node:zlib';

/** Containers for report fixtures — zip and e-mail — plus the hostile files an importer must refuse. */

export interface ZipEntrySpec {
  name: string;
  data: Buffer | string;
  /** Default 'deflate'. */
  method?: 'deflate' | 'store';
  /** Pre-compressed deflate data + true size, for bombs too big to hold inflated. */
  raw?: { deflated: Buffer; size: number; crc: number };
}

/** A minimal but valid zip (local headers, central directory, end record), enough for yauzl and unzip. */
export function zipArchive(entries: ZipEntrySpec[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const data = typeof e.data === 'string' ? Buffer.from(e.data) : e.data;
    const store = e.method === 'store';
    const body = e.raw ? e.raw.deflated : store ? data : zlib.deflateRawSync(data);
    const size = e.raw ? e.raw.size : data.length;
    const crc = e.raw ? e.raw.crc : zlib.crc32(data);
    const method = store && !e.raw ? 0 : 8;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(method, 8);
    local.writeUInt16LE(0, 10);
    local.writeUInt16LE(0x5a21, 12);
    local.writeUInt32LE(crc >>> 0, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt16LE(0, 12);
    central.writeUInt16LE(0x5a21, 14);
    central.writeUInt32LE(crc >>> 0, 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, body);
    centrals.push(central, name);
    offset += local.length + name.length + body.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

export interface MailAttachment {
  filename?: string;
  contentType: string;
  data: Buffer | string;
  /** Default base64. */
  encoding?: 'base64' | '7bit' | 'quoted-printable';
}

/** A report e-mail like receivers send: multipart/mixed, a text part, then the attachments. */
export function emlMessage(attachments: MailAttachment[], opts: { subject?: string; boundary?: string; wrapInForward?: boolean } = {}): string {
  const b = opts.boundary ?? '----=_Part_1_2345.6789';
  const parts = attachments.map((a) => {
    const data = typeof a.data === 'string' ? Buffer.from(a.data) : a.data;
    const enc = a.encoding ?? 'base64';
    const body =
      enc === 'base64' ? (data.toString('base64').match(/.{1,76}/g) ?? []).join('\r\n') : enc === 'quoted-printable' ? qp(data) : data.toString('latin1');
    const name = a.filename ? `; name="${a.filename}"` : '';
    const disp = a.filename ? `Content-Disposition: attachment;\r\n\tfilename="${a.filename}"\r\n` : '';
    return `--${b}\r\nContent-Type: ${a.contentType}${name}\r\nContent-Transfer-Encoding: ${enc}\r\n${disp}\r\n${body}\r\n`;
  });
  const inner = [
    'From: noreply-dmarc-support@google.com',
    'To: dmarc@acme.example',
    `Subject: ${opts.subject ?? 'Report domain: acme.example Submitter: google.com Report-ID: 1'}`,
    'MIME-Version: 1.0',
    `Content-Type: multipart/mixed;\r\n boundary="${b}"`,
    '',
    'This is a multi-part message in MIME format.',
    `--${b}`,
    'Content-Type: text/plain; charset=UTF-8',
    '',
    'This is an aggregate report from google.com.',
    '',
    ...parts.map((p) => p.replace(/\r\n$/, '')),
    `--${b}--`,
    '',
  ].join('\r\n');
  if (!opts.wrapInForward) return inner;
  const outer = 'outer-boundary-42';
  return [
    'From: ops@vendor.example',
    'Subject: Fwd: report',
    'MIME-Version: 1.0',
    `Content-Type: multipart/mixed; boundary=${outer}`,
    '',
    `--${outer}`,
    'Content-Type: text/plain',
    '',
    'see attached',
    `--${outer}`,
    'Content-Type: message/rfc822',
    '',
    inner,
    `--${outer}--`,
    '',
  ].join('\r\n');
}

/** Quoted-printable with soft line breaks every 60 characters, so decoding has real work to do. */
function qp(data: Buffer): string {
  return data
    .toString('latin1')
    .split('\n')
    .map((line) => {
      const tokens = [...line].map((c) => (c === '=' || c.charCodeAt(0) > 126 ? `=${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}` : c));
      const out: string[] = [];
      let cur = '';
      for (const tok of tokens) {
        if (cur.length + tok.length > 60) {
          out.push(`${cur}=`);
          cur = '';
        }
        cur += tok;
      }
      return [...out, cur].join('\r\n');
    })
    .join('\r\n');
}

/** The classic entity-expansion bomb: 10 levels × 10 references ≈ 10⁹ "lol"s if a parser expanded it. */
export function billionLaughs(): string {
  const lines = ['<?xml version="1.0"?>', '<!DOCTYPE feedback [', '  <!ENTITY lol "lol">'];
  for (let i = 1; i <= 9; i++) lines.push(`  <!ENTITY lol${i} "${`&lol${i === 1 ? '' : i - 1};`.repeat(10)}">`);
  lines.push(']>', '<feedback><report_metadata><org_name>&lol9;</org_name></report_metadata></feedback>');
  return lines.join('\n');
}

/**
 * A gzip file that inflates to `members × 16 MiB` of spaces while weighing ~16 KiB per member: the same
 * gzip member repeated (valid — gzip allows concatenated members), so building a 4 GiB bomb costs nothing.
 */
export function gzipBomb(members = 256): Buffer {
  // Spaces, not zeros: NUL is not XML, and the parser would refuse it before the ratio check had to.
  const member = zlib.gzipSync(Buffer.alloc(16 * 1024 * 1024, 0x20), { level: 9 });
  return Buffer.concat(Array.from({ length: members }, () => member));
}

/** One zip entry of `mib` MiB of spaces, deflated (~1000× smaller), with honest or lying size headers. */
export function zipBomb(mib = 64, opts: { lieAboutSize?: boolean } = {}): Buffer {
  const data = Buffer.alloc(mib * 1024 * 1024, 0x20);
  const deflated = zlib.deflateRawSync(data, { level: 9 });
  const size = opts.lieAboutSize ? deflated.length * 2 : data.length;
  return zipArchive([{ name: 'google.com!acme.example!1!2.xml', data: Buffer.alloc(0), raw: { deflated, size, crc: zlib.crc32(data) } }]);
}
