import { randomBytes } from 'node:crypto';

/**
 * Writes bytes main produced where the person chooses; the path, or null when they cancelled. Only the Electron
 * door has one (electron/save-file.ts); the root takes it as this type so it never imports a door.
 */
export type SaveFile = (suggestedName: string, bytes: Buffer) => Promise<string | null>;

export interface DownloadFile {
  name: string;
  type: string;
  body: Buffer;
}

/**
 * One-shot downloads: a handler registers a file and gets an unguessable id; a door hands it out once, within a
 * few minutes (the browser host serves /download/<id>, the desktop app saves it through its save dialog).
 * Kept in the kernel so the composition root does not import a door.
 */
export class Downloads {
  private readonly pending = new Map<string, DownloadFile & { expires: number }>();

  add(name: string, type: string, body: Buffer, ttlMs = 5 * 60_000): string {
    const id = randomBytes(18).toString('base64url');
    this.pending.set(id, { name, type, body, expires: Date.now() + ttlMs });
    return id;
  }

  /** Removes and returns a registered file; undefined when unknown or expired. */
  take(id: string): DownloadFile | undefined {
    const file = this.pending.get(id);
    this.pending.delete(id);
    return file && file.expires >= Date.now() ? { name: file.name, type: file.type, body: file.body } : undefined;
  }
}
