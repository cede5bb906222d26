import type { ReadingDef } from '../../policy/readings.js';
import type { Lang } from '../../report/format.js';
import { renderJson } from '../../report/json.js';
import { loadPolicies } from '../context.js';
import { langOf } from '../config.js';
import type { Io } from '../io.js';
import type { CommonOptions } from '../program.js';

/** A reading as `readings --json` prints it: the declaration, keys in this order. */
export function readingJson(reading: ReadingDef) {
  return {
    id: reading.id,
    measure: reading.measure,
    clause: reading.clause,
    question: reading.question,
    options: reading.options.map((option) => ({ id: option.id, label: option.label })),
    default: reading.default,
    rationale: reading.rationale,
  };
}

const WORDS = {
  measure: { zh: '措施', en: 'Measure' },
  clause: { zh: '条款', en: 'Clause' },
  options: { zh: '选项', en: 'Options' },
  default: { zh: '默认', en: 'default' },
  why: { zh: '理由', en: 'Why' },
  none: { zh: '本政策目录没有声明解读。', en: 'This policy folder declares no readings.' },
  switch: { zh: '改用其他解读：--reading 解读=选项（check、ask、explain、batch、test、diff、sql）', en: 'Put another in force: --reading ID=OPTION (check, ask, explain, batch, test, diff, sql)' },
} as const;

/** Every reading as text: its clause, question, options (the default marked) and the rationale, in one language. */
export function renderReadings(readings: readonly ReadingDef[], lang: Lang): string {
  if (readings.length === 0) return `${WORDS.none[lang]}\n`;
  const blocks = readings.map((reading) => {
    const width = Math.max(...reading.options.map((option) => option.id.length));
    const options = reading.options.map((option) => {
      const marker = option.id === reading.default ? '*' : ' ';
      const suffix = option.id === reading.default ? (lang === 'zh' ? `（${WORDS.default.zh}）` : ` (${WORDS.default.en})`) : '';
      return `  ${marker} ${option.id.padEnd(width)}  ${option.label[lang]}${suffix}`;
    });
    const colon = lang === 'zh' ? '：' : ': ';
    return [
      `${reading.id} — ${WORDS.measure[lang]} ${reading.measure}`,
      `  ${reading.question[lang]}`,
      `  ${WORDS.clause[lang]}${colon}${reading.clause}`,
      `  ${WORDS.options[lang]}${colon}`,
      ...options,
      `  ${WORDS.why[lang]}${colon}${reading.rationale[lang]}`,
    ].join('\n');
  });
  return `${blocks.join('\n\n')}\n\n${WORDS.switch[lang]}\n`;
}

/** `subsidy readings`: every reading the policy folder declares, its options, the default and why. */
export async function readings(options: CommonOptions & { json?: boolean }, io: Io): Promise<number> {
  const set = await loadPolicies(options, io);
  io.stdout.write(options.json ? renderJson({ readings: set.readings.map(readingJson) }) : renderReadings(set.readings, await langOf(options.lang, io)));
  return 0;
}
