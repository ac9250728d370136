import type { SheetFonts } from './fonts';
import { drawWrapped, measureWrapped } from './wrapped-text';

/**
 * A tiny block layout over pdfkit: every block is measured before it is drawn, so a block never
 * splits across pages and boxes can be drawn behind their content. pdfkit's own flow (doc.y,
 * automatic pages) is not used; the Layout keeps its own cursor.
 */

export const COLORS = {
  ink: '#1d2430',
  muted: '#5b6575',
  line: '#d6dbe3',
  accent: '#2456a6',
  soft: '#f3f6fa',
  warnBg: '#fff6e5',
  warnLine: '#e0a526',
  white: '#ffffff',
} as const;

export interface Block {
  height: number;
  draw(y: number): void;
}

type FontKey = keyof SheetFonts;

export interface TextStyle {
  font?: FontKey;
  size?: number;
  color?: string;
  lineGap?: number;
}

const FOOTER_SPACE = 24;

export class Layout {
  y: number;
  constructor(
    readonly doc: PDFKit.PDFDocument,
    readonly fonts: SheetFonts,
  ) {
    this.y = doc.page.margins.top;
  }

  get left(): number {
    return this.doc.page.margins.left;
  }
  get width(): number {
    return this.doc.page.width - this.doc.page.margins.left - this.doc.page.margins.right;
  }
  get bottom(): number {
    return this.doc.page.height - this.doc.page.margins.bottom - FOOTER_SPACE;
  }

  /** Puts a block at the cursor, on a new page if it does not fit on this one. */
  place(block: Block, spaceAfter = 0): void {
    if (this.y + block.height > this.bottom && this.y > this.doc.page.margins.top) {
      this.doc.addPage();
      this.y = this.doc.page.margins.top;
    }
    block.draw(this.y);
    this.y += block.height + spaceAfter;
  }

  gap(points: number): void {
    this.y += points;
  }

  private setFont(style: TextStyle): void {
    this.doc.font(this.fonts[style.font ?? 'sans']).fontSize(style.size ?? 9);
  }

  /** Wrapped prose. */
  text(text: string, x: number, width: number, style: TextStyle = {}): Block {
    this.setFont(style);
    const lineGap = style.lineGap ?? 1.5;
    // Measured once per process for all documents (the sheets repeat the same instructions): wrapped-text.ts.
    return {
      height: measureWrapped(this.doc, text, { width, lineGap }),
      draw: (y) => {
        this.setFont(style);
        drawWrapped(this.doc.fillColor(style.color ?? COLORS.ink), text, x, y, { width, lineGap });
      },
    };
  }

  /**
   * A literal (host, value, command) in the monospace face, broken at a fixed number of characters
   * rather than at hyphens or dots, and wrapped in an ActualText span: viewers and pdftotext then
   * return the unbroken value, while the page shows it over several lines.
   */
  mono(text: string, x: number, width: number, opts: { size?: number; boxed?: boolean; color?: string } = {}): Block {
    const size = opts.size ?? 8.5;
    const pad = opts.boxed ? 5 : 0;
    this.doc.font(this.fonts.mono).fontSize(size);
    const charWidth = this.doc.widthOfString('0');
    const perLine = Math.max(8, Math.floor((width - 2 * pad) / charWidth));
    const lines: string[] = [];
    for (let i = 0; i < text.length; i += perLine) lines.push(text.slice(i, i + perLine));
    if (lines.length === 0) lines.push('');
    const lineHeight = size * 1.32;
    const height = lines.length * lineHeight + 2 * pad;
    return {
      height,
      draw: (y) => {
        const doc = this.doc;
        if (opts.boxed) doc.roundedRect(x, y, width, height, 3).lineWidth(0.6).fillAndStroke(COLORS.soft, COLORS.line);
        doc
          .font(this.fonts.mono)
          .fontSize(size)
          .fillColor(opts.color ?? COLORS.ink);
        const wrapped = lines.length > 1;
        if (wrapped) doc.markContent('Span', { actual: text });
        lines.forEach((line, i) => doc.text(line, x + pad, y + pad + i * lineHeight + (lineHeight - size) / 2, { lineBreak: false }));
        if (wrapped) doc.endMarkedContent();
      },
    };
  }

  /** Blocks one under the other. */
  stack(blocks: Block[], gap = 0): Block {
    const height = blocks.reduce((h, b) => h + b.height, 0) + gap * Math.max(0, blocks.length - 1);
    return {
      height,
      draw: (y) => {
        let at = y;
        for (const b of blocks) {
          b.draw(at);
          at += b.height + gap;
        }
      },
    };
  }

  /** Blocks side by side (each already positioned horizontally); as tall as the tallest. */
  row(blocks: Block[], padY = 0): Block {
    const height = Math.max(0, ...blocks.map((b) => b.height)) + 2 * padY;
    return { height, draw: (y) => blocks.forEach((b) => b.draw(y + padY)) };
  }

  /** Draws a background/border behind a block, with padding. */
  box(inner: Block, x: number, width: number, opts: { pad?: number; fill?: string; stroke?: string; bar?: string }): Block {
    const pad = opts.pad ?? 8;
    const height = inner.height + 2 * pad;
    return {
      height,
      draw: (y) => {
        const doc = this.doc;
        doc.save();
        doc.roundedRect(x, y, width, height, 4).lineWidth(0.8);
        if (opts.fill && opts.stroke) doc.fillAndStroke(opts.fill, opts.stroke);
        else if (opts.fill) doc.fill(opts.fill);
        else if (opts.stroke) doc.stroke(opts.stroke);
        if (opts.bar) doc.rect(x, y, 3.5, height).fill(opts.bar);
        doc.restore();
        inner.draw(y + pad);
      },
    };
  }

  /** A block of fixed height that only draws something (rules, spacers). */
  shape(height: number, draw: (y: number) => void = () => {}): Block {
    return { height, draw };
  }
}
