import { parseDecimal, parseScaledDecimal } from './decimal.js';

/**
 * Whole numbers in Chinese numerals, as caseworkers and forms write them: 十二, 二十四, 一百零五, 一千零二, 一万二千,
 * 十二万, 一亿零五万. Only the standard written form is read, so that a reading is never a guess: each 4-digit group
 * (个, 万, 亿) is written digit and unit (一千二百三十四), one 零 stands for each gap of zeros inside a group or in front
 * of a lower group (一千零二 = 1002, 一万零二百 = 10200, 一亿零五 = 100000005), zeros at the end are not written.
 * Colloquial shortenings are refused, not read: 一万二 (12000 when said, 10002 if read as written), 一千五, 十几,
 * 二十五六, 一二; so is anything out of order (十十, 千百, 一万万).
 *
 * Variants of the same form are read too: 十 for 一十 at the start or after 零 (十二, 一千零十); 两 for 二 before 百,
 * 千, and before 万 or 亿 as a group's only digit (两百, 一千两百, 两万, 两亿), and 两 alone; 〇 for 零; the formal
 * digits 壹贰叁肆伍陆柒捌玖拾佰仟 (and 萬, 億). Arabic digits stand for their own reading (3万5千 is 三万五千; 1万2 is
 * refused as 一万二 is), and a plain decimal times units alone is read exactly (3万 = 30000, 1.5万 = 15000, 2.5千万),
 * when the product is whole. At most Number.MAX_SAFE_INTEGER, as for Arabic input.
 */
export function parseChineseNumeral(text: string): number | undefined {
  if (text.length > LONGEST) return undefined;
  const ordinary = [...text].map((char) => FORMAL.get(char) ?? char).join('');
  const scaled = /^([\d.,]+)([十百千万亿]+)$/.exec(ordinary);
  if (scaled) {
    const times = standardValue(`一${scaled[2]!}`);
    if (times !== undefined && times >= 100 && /^10+$/.test(String(times)) && parseDecimal(scaled[1]!) !== undefined) {
      const value = parseScaledDecimal(scaled[1]!, String(times), 1);
      return value !== undefined && Number.isSafeInteger(value) ? value : undefined;
    }
  }
  if (ordinary === '两') return 2;
  let written = '';
  for (const { 0: run, 1: digits, index } of ordinary.matchAll(/(\d+)|./gsu)) {
    if (digits !== undefined) {
      // An Arabic group stands for its reading; a leading zero (0200) has none.
      if ((digits.length > 1 && digits.startsWith('0')) || digits.length > 15) return undefined;
      written += standardForm(Number(digits));
    } else if (run === '两') {
      const next = ordinary[index + 1];
      const groupStart = written === '' || /[零万亿]$/.test(written);
      if (!(next === '百' || next === '千' || ((next === '万' || next === '亿') && groupStart))) return undefined;
      written += '二';
    } else written += run;
  }
  return standardValue(written);
}

/** Longer than any numeral of a safe integer (九千零七万一千九百九十二亿五千四百七十四万零九百九十一 has 29 characters). */
const LONGEST = 64;

/** The characters a Chinese numeral may hold (beside Arabic digits), for patterns that must take every numeral. */
export const NUMERAL_CHARS = '〇零一二两三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟萬億';

/** The formal (大写) digits and units, and 〇, as the ordinary characters the standard form is written in. */
const FORMAL = new Map([...'壹贰叁肆伍陆柒捌玖拾佰仟萬億〇'].map((char, i) => [char, '一二三四五六七八九十百千万亿零'[i]!]));

const DIGITS = '零一二三四五六七八九';
const PLACES = ['', '十', '百', '千'];
/** The groups above 个, largest first: a number is written as its part above the group, the group's name, then the rest. */
const GROUPS = [
  [100_000_000, '亿'],
  [10_000, '万'],
] as const;

/** The value of a numeral in the standard form, with 十 read as 一十 where it may stand alone; otherwise undefined. */
function standardValue(written: string): number | undefined {
  const full = written.replace(/(^|零)十/g, '$1一十');
  const value = looseValue(full, 0);
  return value !== undefined && Number.isSafeInteger(value) && standardForm(value) === full ? value : undefined;
}

/**
 * A value for a numeral read loosely, group by group: right for every standard form, anything for others (which
 * standardValue then refuses, since the value written out is not what was read).
 */
function looseValue(text: string, level: number): number | undefined {
  if (level === GROUPS.length) return groupValue(text);
  const [size, name] = GROUPS[level]!;
  const at = text.indexOf(name);
  if (at < 0) return looseValue(text, level + 1);
  const upper = looseValue(text.slice(0, at), level + 1);
  const rest = text.slice(at + 1).replace(/^零/, '');
  const lower = rest === '' ? 0 : looseValue(rest, level + 1);
  return upper === undefined || lower === undefined ? undefined : upper * size + lower;
}

/** One group (below 10000): digits each before its place, 零 skipped; a place without a digit before it is refused. */
function groupValue(text: string): number | undefined {
  if (text === '') return undefined;
  let total = 0;
  let digit: number | undefined;
  for (const char of text) {
    const place = PLACES.indexOf(char);
    if (place > 0) {
      if (digit === undefined) return undefined;
      total += digit * 10 ** place;
      digit = undefined;
    } else if (DIGITS.includes(char)) digit = DIGITS.indexOf(char);
    else return undefined;
  }
  return total + (digit ?? 0);
}

/** A whole number (at most MAX_SAFE_INTEGER) in the standard form, with 一十 and 二 (never 十 alone or 两). */
function standardForm(value: number, level = 0): string {
  if (value === 0 && level === 0) return '零';
  if (level === GROUPS.length) return groupForm(value);
  const [size, name] = GROUPS[level]!;
  const rest = value % size;
  const upper = (value - rest) / size;
  if (upper === 0) return standardForm(rest, level + 1);
  const head = `${standardForm(upper, level + 1)}${name}`;
  if (rest === 0) return head;
  return `${head}${rest < size / 10 ? '零' : ''}${standardForm(rest, level + 1)}`;
}

/** A group (1 to 9999): each digit before its place, one 零 for a gap, nothing for zeros at the end. */
function groupForm(value: number): string {
  let written = '';
  let gap = false;
  for (let place = 3; place >= 0; place--) {
    const digit = Math.floor(value / 10 ** place) % 10;
    if (digit === 0) gap = written !== '';
    else {
      written += `${gap ? '零' : ''}${DIGITS[digit]!}${PLACES[place]!}`;
      gap = false;
    }
  }
  return written;
}
