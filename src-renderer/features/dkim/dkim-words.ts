import type { DkimKey, DkimRow, RotationStage } from '../../../src-preload/api/dkim';
import type { Tone } from '../../components/Status';

/** Each rotation stage as a chip: the one status vocabulary (tone + word). */
export const STAGE_VIEW: Record<RotationStage, { word: string; tone: Tone }> = {
  queued: { word: 'Rotation queued', tone: 'pending' },
  'new-key-pending': { word: 'New key pending — publish it', tone: 'pending' },
  'new-key-active': { word: 'New key active', tone: 'pending' },
  'old-key-safe-to-delete': { word: 'Old key safe to delete', tone: 'warning' },
  'old-key-deleted': { word: 'Old key deleted from DNS', tone: 'ok' },
  failed: { word: 'Rotation failed', tone: 'failing' },
};

export function keyState(k: DkimKey): { word: string; tone: Tone } {
  if (k.role === 'active') return { word: 'active', tone: 'ok' };
  if (k.role === 'pending') return { word: 'pending', tone: 'pending' };
  if (k.published === true) return { word: 'revoked, still published', tone: 'warning' };
  if (k.published === false) return { word: 'revoked, gone from DNS', tone: 'ok' };
  return { word: 'revoked (not checked yet)', tone: 'unknown' };
}

export const bitsWord = (k: DkimKey) => (k.bits === null ? `length unknown: ${k.bitsError ?? ''}` : `${k.bits}-bit`);

export function ageWord(r: DkimRow): string {
  const active = r.keys.find((k) => k.role === 'active');
  if (!active || r.ageDays === null) return '–';
  return `${active.ageExact ? '' : '≥ '}${r.ageDays} d`;
}

export const isRotating = (r: DkimRow) => r.rotation !== null && !['old-key-deleted', 'failed'].includes(r.rotation.stage);
export const day = (iso: string) => new Date(iso).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric' });
