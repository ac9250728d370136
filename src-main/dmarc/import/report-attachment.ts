import type { Attachment } from 'postal-mime';
import type { PayloadKind } from './streams';

const REPORT_TYPES = new Set([
  'application/gzip',
  'application/x-gzip',
  'application/zip',
  'application/x-zip',
  'application/x-zip-compressed',
  'application/xml',
  'text/xml',
  'application/octet-stream',
]);

/** Could this part be a DMARC report? (RFC 9990: application/gzip or text/xml; reporters also use zip.) */
export function isReportCandidate(part: Attachment): boolean {
  if (/\.(xml|gz|gzip|zip)$/i.test(part.filename ?? '')) return true;
  if (part.mimeType === 'application/octet-stream') return !part.filename;
  return REPORT_TYPES.has(part.mimeType);
}

/** Content types that say what the bytes are; a part declaring one of these while holding another kind lies. */
export const DECLARED_KIND: Record<string, PayloadKind> = {
  'application/gzip': 'gzip',
  'application/x-gzip': 'gzip',
  'application/zip': 'zip',
  'application/x-zip': 'zip',
  'application/x-zip-compressed': 'zip',
  'application/xml': 'xml',
  'text/xml': 'xml',
};
