import { eastAsianWidth } from 'get-east-asian-width';

/**
 * Columns a string takes on a terminal: CJK and other wide characters count as two, colour codes as none.
 *
 * Most text (Chinese, ASCII, punctuation) is measured here a character at a time: a character that prints nothing
 * (a control or format character, a combining mark) takes none, any other its East Asian Width, ambiguous ones
 * narrow; that is what string-width gives such text. Text whose characters combine into wider clusters (emoji and
 * other astral characters, joiners, variation selectors, keycaps, Hangul jamo, Indic conjuncts, colour codes) needs string-width's
 * grapheme segmentation, whose regular expressions cost more to load than the rest of a check: it is loaded only
 * for such text (see exactWidths); until then such text is measured a character at a time as well.
 */
export function displayWidth(text: string): number {
  if (PRINTABLE_ASCII.test(text)) return text.length;
  if (COMPLEX.test(text)) {
    if (complexWidth) return complexWidth(text);
    measuredComplex = true;
  }
  let width = 0;
  for (const char of text) width += charWidth(char);
  return width;
}

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;
/** Text string-width measures by clusters, not by characters. */
const COMPLEX = /[\u001b\u009b\u0900-\u0dff\u0e33\u0eb3\u1100-\u11ff\u20e3\u200d\ua960-\ua97f\ud7b0-\ud7ff\ud800-\udfff\ufe00-\ufe0f]/;
/** Characters that print nothing: string-width's zero-width classes. */
const ZERO_WIDTH = /[\p{Default_Ignorable_Code_Point}\p{Control}\p{Format}\p{Nonspacing_Mark}\p{Enclosing_Mark}\p{Surrogate}]/u;
const CHAR_WIDTHS = new Map<string, number>();

function charWidth(char: string): number {
  const code = char.codePointAt(0)!;
  // CJK ideographs: wide, and the bulk of Chinese text.
  if ((code >= 0x4e00 && code <= 0x9fff) || (code >= 0x3400 && code <= 0x4dbf)) return 2;
  let width = CHAR_WIDTHS.get(char);
  if (width === undefined) {
    width = ZERO_WIDTH.test(char) ? 0 : eastAsianWidth(code);
    CHAR_WIDTHS.set(char, width);
  }
  return width;
}

let complexWidth: ((text: string) => number) | undefined;
let measuredComplex = false;

/**
 * Lays text out with exact widths: runs `layout`, and when it measured text that only string-width measures
 * exactly, loads string-width and runs it again. Without it (a layout called directly) such text is measured a
 * character at a time, which can be off by a column for an emoji.
 */
export async function exactWidths<T>(layout: () => T): Promise<T> {
  measuredComplex = false;
  const first = layout();
  if (!measuredComplex || complexWidth) return first;
  complexWidth = (await import('string-width')).default;
  return layout();
}

/** Whether one character takes two columns. No character below U+1100 does; CJK ideographs all do. */
function isWide(char: string): boolean {
  const code = char.charCodeAt(0);
  if (code < 0x1100) return false;
  if (code >= 0x4e00 && code <= 0x9fff) return true;
  return displayWidth(char) === 2;
}

// Chinese typesetting: no line starts with closing punctuation, none ends with opening punctuation.
const NO_LINE_START = new Set([...'，。、；：！？）》」』”’〕】〉,.;:!?)]}%/∕'].map((char) => char.charCodeAt(0)));
const NO_LINE_END = new Set([...'（《「『“‘〔【〈([{'].map((char) => char.charCodeAt(0)));
const SPACE = 0x20;

/**
 * The pieces a line may break between: runs of narrow characters split at spaces (the space kept with the piece
 * before it), and each wide character on its own, punctuation held to its neighbour. A narrow run (an id, a fact
 * name, a number) is never split. Walks the text by index and slices, without building strings a character at a
 * time: a check's report is mostly this.
 */
function pieces(text: string): string[] {
  const out: string[] = [];
  let start = 0;
  let previous = -1;
  let previousWide = false;
  for (let i = 0; i < text.length; ) {
    const code = text.codePointAt(i)!;
    const size = code > 0xffff ? 2 : 1;
    const wide = code >= 0x1100 && ((code >= 0x4e00 && code <= 0x9fff) || isWide(size === 1 ? text[i]! : text.slice(i, i + 2)));
    const breakBefore =
      i > start && !NO_LINE_START.has(code) && !NO_LINE_END.has(previous) && (previous === SPACE ? code !== SPACE : wide || previousWide);
    if (breakBefore) {
      out.push(text.slice(start, i));
      start = i;
    }
    previous = code;
    previousWide = wide;
    i += size;
  }
  if (start < text.length) out.push(text.slice(start));
  return out;
}

/** A piece's width: a lone ideograph without measuring. */
function pieceWidth(piece: string): number {
  if (piece.length === 1) {
    const code = piece.charCodeAt(0);
    if (code >= 0x4e00 && code <= 0x9fff) return 2;
  }
  return displayWidth(piece);
}

const LEADS_WITH_TEXT = /^\S/;

export interface WrapOptions {
  /** Spaces before the first line. */
  indent?: number;
  /** Spaces before the following lines (default: as the first). */
  hang?: number;
}

/**
 * Breaks text into lines of at most `width` display columns. Nothing is cut inside a word, an id or a number:
 * a piece too long for the line at its indent goes on a line of its own, indented less so that it fits (at
 * column 0 it may still be wider than `width`, whole).
 */
export function wrapText(text: string, width: number, { indent = 0, hang = indent }: WrapOptions = {}): string[] {
  if (text.includes('\n')) return text.split('\n').flatMap((part, i) => wrapText(part, width, { indent: i === 0 ? indent : hang, hang }));
  // Text that fits on its first line, and starts with no space the loop below would drop, is its own line.
  if (LEADS_WITH_TEXT.test(text) && indent + displayWidth(text) <= width) return [' '.repeat(indent) + text.trimEnd()];
  const lines: string[] = [];
  let line = '';
  let used = 0;
  let lead = indent;
  const flush = () => {
    lines.push(' '.repeat(lead) + line.trimEnd());
    line = '';
    used = 0;
    lead = hang;
  };
  for (const piece of pieces(text)) {
    const bare = piece.trimEnd();
    const size = pieceWidth(piece);
    const sizeBare = bare === piece ? size : displayWidth(bare);
    if (line !== '' && lead + used + sizeBare > width) flush();
    if (line === '' && lead + sizeBare > width) {
      // Too long for the line even alone: it stands on its own line, moved left as far as needed.
      lead = Math.max(0, width - sizeBare);
      line = bare;
      flush();
      continue;
    }
    if (line === '' && piece.trim() === '') continue;
    line += piece;
    used += size;
  }
  if (line !== '' || lines.length === 0) flush();
  return lines;
}

/** An id on a line of its own at `indent`, or further left when it would not fit: never cut, so it copies whole. */
export function idLine(id: string, width: number, indent: number): string {
  return ' '.repeat(Math.max(0, Math.min(indent, width - displayWidth(id)))) + id;
}

/** Pads text with spaces to `width` display columns, on the right (or the left, for figures). */
export function pad(text: string, width: number, align: 'left' | 'right' = 'left'): string {
  const fill = ' '.repeat(Math.max(0, width - displayWidth(text)));
  return align === 'left' ? text + fill : fill + text;
}
