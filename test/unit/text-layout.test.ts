import fc from 'fast-check';
import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { displayWidth, exactWidths, wrapText } from '../../src/report/text-layout.js';
import { fuzzParams } from '../support/fuzz-runs.js';

/** Characters that combine into clusters: string-width measures the text they are in. */
const COMPLEX = /[\u001b\u009b\u0900-\u0dff\u0e33\u0eb3\u1100-\u11ff\u20e3\u200d\ua960-\ua97f\ud7b0-\ud7ff\ud800-\udfff\ufe00-\ufe0f]/;

describe('displayWidth without string-width', () => {
  it('measures every character of the Basic Multilingual Plane as string-width does', () => {
    const differ: string[] = [];
    for (let code = 0; code <= 0xffff; code++) {
      const char = String.fromCharCode(code);
      if (COMPLEX.test(char)) continue;
      if (displayWidth(char) !== stringWidth(char)) differ.push(`U+${code.toString(16)}: ${displayWidth(char)} vs ${stringWidth(char)}`);
    }
    expect(differ).toEqual([]);
  });

  it('measures text of such characters as string-width does, marks and controls among them', () => {
    const simple = fc.oneof(
      fc.constantFrom('a', ' ', '2', '.', '中', '文', '补', '（', '）', '，', '。', '“', '”', '·', '—', '×', '≤', 'é', '\t', '\r', '\n', '\u00ad', '\u3000', '\uff21'),
      fc.constantFrom('\u0301', '\u0308', '\u20dd', '\u0f7f', '\u1b04', '\u302a', '\u302e', '\uff9e', '\u200b', '\u200c', '\u2060', '\u0600', '\u0e31'),
      fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code)).filter((char) => !COMPLEX.test(char)),
    );
    fc.assert(
      fc.property(fc.array(simple, { maxLength: 30 }).map((chars) => chars.join('')), (text) => {
        expect(displayWidth(text)).toBe(stringWidth(text));
      }),
      fuzzParams(2000),
    );
  });
});

describe('exactWidths', () => {
  it('lays text out again with string-width when it held emoji, joiners or colour codes', async () => {
    const texts = ['👍', '👨‍👩‍👧', '1\u20e3', '❤\ufe0f', '\u001b[1m中\u001b[22m', '한\u1100\u1161', '𠀀文'];
    for (const text of texts) expect(await exactWidths(() => displayWidth(text)), JSON.stringify(text)).toBe(stringWidth(text));
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 12 }), (text) => {
        expect(displayWidth(text)).toBe(stringWidth(text));
      }),
      fuzzParams(1000),
    );
  });
});

/** The layout as first written (a character at a time, no shortcut): the reference the faster one must equal. */
function referenceWrap(text: string, width: number, indent: number, hang: number): string[] {
  if (text.includes('\n')) return text.split('\n').flatMap((part, i) => referenceWrap(part, width, i === 0 ? indent : hang, hang));
  const NO_LINE_START = new Set('，。、；：！？）》」』”’〕】〉,.;:!?)]}%/∕');
  const NO_LINE_END = new Set('（《「『“‘〔【〈([{');
  const isWide = (char: string) => char.charCodeAt(0) >= 0x1100 && displayWidth(char) === 2;
  const pieces: string[] = [];
  let current = '';
  let previous = '';
  let previousWide = false;
  for (const char of text) {
    const wide = isWide(char);
    if (current !== '' && !NO_LINE_START.has(char) && !NO_LINE_END.has(previous) && (previous === ' ' ? char !== ' ' : wide || previousWide)) {
      pieces.push(current);
      current = '';
    }
    current += char;
    previous = char;
    previousWide = wide;
  }
  if (current !== '') pieces.push(current);
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
  for (const piece of pieces) {
    const bare = piece.trimEnd();
    const size = displayWidth(piece);
    const sizeBare = displayWidth(bare);
    if (line !== '' && lead + used + sizeBare > width) flush();
    if (line === '' && lead + sizeBare > width) {
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

describe('wrapText', () => {
  it('breaks every text as the character-at-a-time layout does', () => {
    const char = fc.oneof(
      { weight: 6, arbitrary: fc.constantFrom('a', 'b', '1', '-', '_', ' ', ' ', '中', '文', '补', '贴', '（', '）', '，', '。', '、', '“', '”', '(', ')', ',', '.', '%', '/', '\u3000', '\t', '\n', '·', '—') },
      { weight: 1, arbitrary: fc.constantFrom('é', '\u0301', '\uff21', '𠀀', '😀', '\u200b', '\u00ad', 'ｶ') },
    );
    fc.assert(
      fc.property(fc.array(char, { maxLength: 60 }).map((chars) => chars.join('')), fc.integer({ min: 1, max: 40 }), fc.nat(8), fc.nat(8), (text, width, indent, hang) => {
        expect(wrapText(text, width, { indent, hang })).toEqual(referenceWrap(text, width, indent, hang));
      }),
      fuzzParams(3000),
    );
  });
});
