// The reference for tests: a whole number written out in Chinese numerals digit by digit, as the school rule for
// reading numbers says (每级末尾的0都不读，其余数位连续有几个0都只读一个零), in groups of four (个, 万, 亿, 万亿).
// `pick` chooses among the spellings of one character that the standard form allows: 二 or 两 (before 百 and 千, as
// a group's only digit before 万 or 亿, and alone), 一十 or 十 (at the start, or after 零), 零 or 〇, the ordinary or the
// formal digit. Written apart from src/util/chinese-numeral.ts, on the digit string, so that the two check each other.

const ORDINARY = '零一二三四五六七八九';
export const FORMAL: Readonly<Record<string, string>> = { 一: '壹', 二: '贰', 三: '叁', 四: '肆', 五: '伍', 六: '陆', 七: '柒', 八: '捌', 九: '玖', 十: '拾', 百: '佰', 千: '仟', 万: '萬', 亿: '億', 零: '〇' };
const PLACE = ['', '十', '百', '千'];

export type Pick = (choices: readonly string[]) => string;
/** The first spelling of each: ordinary digits, 二, 一十, 零. */
export const standard: Pick = (choices) => choices[0]!;
/** As people mostly write: 十二 rather than 一十二, 两 where it may stand; otherwise the standard spelling. */
export const usual: Pick = (choices) => (choices.includes('') ? '' : choices.includes('两') ? '两' : choices[0]!);

export function chineseNumeral(n: number, pick: Pick = standard): string {
  if (n === 0) return pick(['零', '〇']);
  // 两 alone, as before a unit (两年).
  if (n === 2) return pick(['二', '两', '贰']);
  const chars = (text: string) => [...text].map((char) => pick(FORMAL[char] ? [char, FORMAL[char]!] : [char])).join('');
  const groupValue = (group: number) => Math.floor(n / 10_000 ** group) % 10_000;
  const digits = String(n);
  let out = '';
  let zeros = false;
  for (let i = 0; i < digits.length; i++) {
    const position = digits.length - 1 - i;
    const place = position % 4;
    const group = Math.floor(position / 4);
    const digit = Number(digits[i]);
    if (digit === 0) zeros ||= out !== '';
    else {
      if (zeros) out += pick(['零', '〇']);
      zeros = false;
      let written = chars(ORDINARY[digit]!);
      if (digit === 2 && (place >= 2 || (place === 0 && group > 0 && groupValue(group) === 2))) written = pick(['二', '两', '贰']);
      if (digit === 1 && place === 1 && (out === '' || /[零〇]$/.test(out))) written = pick([written, '']);
      out += written + chars(PLACE[place]!);
    }
    // A group's name after it when it has a digit (亿 also after the 万 of 万亿); its own zeros at the end are not read.
    if (place === 0 && group > 0 && (groupValue(group) !== 0 || (group === 2 && groupValue(3) !== 0))) {
      out += chars(group === 2 ? '亿' : '万');
      zeros = false;
    }
  }
  return out;
}
