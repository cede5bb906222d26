import stringWidth from 'string-width';

/** Columns a string takes on a terminal: CJK and other wide characters count as two, colour codes as none. */
export function displayWidth(text: string): number {
  if (PRINTABLE_ASCII.test(text)) return text.length;
  // string-width segments graphemes, which is slow; text without joiners, selectors or astral characters (emoji)
  // is measured a character at a time, each character's width asked once.
  if (COMPLEX.test(text)) return stringWidth(text);
  let width = 0;
  for (const char of text) {
    let one = CHAR_WIDTHS.get(char);
    if (one === undefined) {
      one = stringWidth(char);
      CHAR_WIDTHS.set(char, one);
    }
    width += one;
  }
  return width;
}

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;
const COMPLEX = /[\u200d\ufe00-\ufe0f\ud800-\udfff\u001b]/;
const CHAR_WIDTHS = new Map<string, number>();

const isWide = (char: string) => displayWidth(char) === 2;

// Chinese typesetting: no line starts with closing punctuation, none ends with opening punctuation.
const NO_LINE_START = new Set('，。、；：！？）》」』”’〕】〉,.;:!?)]}%/∕');
const NO_LINE_END = new Set('（《「『“‘〔【〈([{');

/**
 * The pieces a line may break between: runs of narrow characters split at spaces (the space kept with the piece
 * before it), and each wide character on its own, punctuation held to its neighbour. A narrow run (an id, a fact
 * name, a number) is never split.
 */
function pieces(text: string): string[] {
  const out: string[] = [];
  let current = '';
  let previous = '';
  for (const char of text) {
    const breakBefore =
      current !== '' &&
      !NO_LINE_START.has(char) &&
      !NO_LINE_END.has(previous) &&
      (previous === ' ' ? char !== ' ' : isWide(char) || isWide(previous));
    if (breakBefore) {
      out.push(current);
      current = '';
    }
    current += char;
    previous = char;
  }
  if (current !== '') out.push(current);
  return out;
}

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
    const size = displayWidth(piece);
    const sizeBare = displayWidth(bare);
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
