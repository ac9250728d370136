/** Limits that keep a hostile or broken file from exhausting memory, disk or time. */
export interface ImportCaps {
  /** Decompressed bytes one report may have. Real reports are ~1 MB for a busy domain's day. Default 512 MiB. */
  maxBytes: number;
  /** Decompressed ÷ compressed bytes beyond which a file is a bomb. Real XML compresses 10–15×. Default 200. */
  maxRatio: number;
  /** Below this many decompressed bytes the ratio is not judged (tiny files compress oddly). Default 1 MiB. */
  ratioFloorBytes: number;
  /**
   * Bytes one e-mail (.eml, or one message of an mbox or mailbox) may have. It is parsed whole, in memory
   * (postal-mime), so this bounds that memory. Mail servers refuse far smaller messages (25–50 MB). Default 64 MiB.
   */
  maxMessageBytes: number;
  /** Entries in a zip, or attachments in an e-mail. Default 100. */
  maxEntries: number;
  /** Characters in one XML text node. Real values are short; this stops one giant node filling memory. Default 1 MiB. */
  maxTextChars: number;
  /** Where e-mail attachments are decoded to. Default: the OS temp folder. */
  tempDir?: string;
}

export const DEFAULT_CAPS: ImportCaps = {
  maxBytes: 512 * 1024 * 1024,
  maxRatio: 200,
  ratioFloorBytes: 1024 * 1024,
  maxMessageBytes: 64 * 1024 * 1024,
  maxEntries: 100,
  maxTextChars: 1024 * 1024,
};

export function resolveCaps(caps?: Partial<ImportCaps>): ImportCaps {
  return { ...DEFAULT_CAPS, ...(caps ?? {}) };
}
