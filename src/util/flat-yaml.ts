import type { YamlSource } from './yaml-source.js';

/**
 * The YAML most profiles are, read without the YAML parser: one `name: value` per line at the left margin, with
 * blank lines and `#` comments; a value is plain (a word, a decimal, true/false, null, ~ or nothing) or quoted
 * without escapes ("…" or '…'). Loading the YAML parser costs more than the rest of a `check`; this reads such a
 * profile the way parseYaml does (a property test holds the two to the same data) and gives up (null) on anything
 * else: the caller then reads the text with parseYaml, which also says what is wrong with it. It never reports a
 * problem of its own.
 */
export function parseFlatYaml(text: string): YamlSource | null {
  const data: Record<string, unknown> = {};
  const lines: Record<string, number> = {};
  const rows = text.split('\n');
  for (let i = 0; i < rows.length; i++) {
    let row = rows[i]!;
    // CRLF ends a line; a CR alone is no line break to the YAML parser, so it is left in (and refused).
    if (row.endsWith('\r') && i < rows.length - 1) row = row.slice(0, -1);
    // A row of printable ASCII (most are) is matched without the Unicode classes, whose tables take milliseconds to build.
    const patterns = PRINTABLE_ASCII.test(row) ? ASCII : UNICODE;
    if (patterns.blankOrComment.test(row)) continue;
    const entry = patterns.entry.exec(row);
    if (!entry) return null;
    const key = entry[1]!;
    if (Object.hasOwn(lines, key) || key === '__proto__') return null;
    const value = scalar(entry[2]);
    if (value === GIVE_UP) return null;
    data[key] = value;
    lines[key] = i + 1;
  }
  if (Object.keys(lines).length === 0) return null;
  // As parseYaml locates a path: the line of its key, else of the nearest key above it that exists, else of the
  // mapping (its first key).
  const first = Object.values(lines)[0];
  const lineOf = (path: readonly PropertyKey[]) => {
    const key = path[0];
    return typeof key === 'string' && Object.hasOwn(lines, key) ? lines[key] : first;
  };
  return { data, lineOf };
}

const GIVE_UP = Symbol('give up');

/**
 * The two patterns of a row, from the pieces of a value: `comment` (printable characters: no controls, no lone
 * surrogates, no BOM), `word` (a word of a plain value: letters, digits and a few marks, not one a YAML indicator
 * starts) and `quoted` ("…" or '…' without escapes).
 */
function rowPatterns(comment: string, word: string, quoted: string, flags: string) {
  return {
    blankOrComment: new RegExp(`^ *(?:${comment})?$`, flags),
    entry: new RegExp(`^([A-Za-z_][A-Za-z0-9_]*):(?: +(${quoted}|${word}(?: ${word})*))? *(?: ${comment})?$`, flags),
  };
}
const UNICODE = rowPatterns(
  '#[^\\p{Cc}\\p{Cs}\\ufeff\\ufffe\\uffff]*',
  '[\\p{L}\\p{N}_.+\\-/()（）]+',
  `"[^"\\\\\\p{Cc}\\p{Cs}\\ufeff\\ufffe\\uffff]*"|'[^'\\p{Cc}\\p{Cs}\\ufeff\\ufffe\\uffff]*'`,
  'u',
);
/** The same patterns for a row of printable ASCII, in which every character is printable and only A–Z, a–z are letters. */
const ASCII = rowPatterns('#.*', '[A-Za-z0-9_.+\\-/()]+', `"[^"\\\\]*"|'[^']*'`, '');
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

const NULLS = new Set(['~', 'null', 'Null', 'NULL']);
const BOOLEANS = new Map([
  ['true', true],
  ['True', true],
  ['TRUE', true],
  ['false', false],
  ['False', false],
  ['FALSE', false],
]);
/** A number as our inputs may write it (see parseYaml): a plain decimal. */
const PLAIN_DECIMAL = /^[-+]?(\d+(\.\d*)?|\.\d+)$/;
/** What YAML 1.2 reads as a number (or infinity, not-a-number) in any other way: left to parseYaml, which refuses it. */
const OTHER_NUMBER = /^(?:[-+]?(?:\.\d+|\d+(?:\.\d*)?)[eE][-+]?\d+|0o[0-7]+|0x[0-9a-fA-F]+|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/;

function scalar(written: string | undefined): unknown {
  if (written === undefined || NULLS.has(written)) return null;
  const first = written[0];
  if (first === '"' || first === "'") return written.slice(1, -1);
  if (first === '-' && (written.length === 1 || written[1] === ' ')) return GIVE_UP;
  const boolean = BOOLEANS.get(written);
  if (boolean !== undefined) return boolean;
  if (PLAIN_DECIMAL.test(written)) {
    const number = Number(written);
    return Number.isFinite(number) && Math.abs(number) <= Number.MAX_SAFE_INTEGER ? number : GIVE_UP;
  }
  if (OTHER_NUMBER.test(written)) return GIVE_UP;
  return written;
}
