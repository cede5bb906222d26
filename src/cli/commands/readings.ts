import type { ReadingDef } from '../../policy/readings.js';
import type { Lang } from '../../report/format.js';
import { renderJson } from '../../report/json.js';
import { aside, t } from '../../util/messages/index.js';
import { displayWidth, wrapText } from '../../report/text-layout.js';
import { loadPolicies, outputWidth } from '../context.js';
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

/** Columns when neither the terminal nor COLUMNS says. */
const DEFAULT_WIDTH = 80;

/**
 * Every reading as text: its clause, question, options (the default marked) and the rationale, in one language,
 * fitted to `width` display columns (long text wraps under its own start, an option's label under the label column).
 */
export function renderReadings(readings: readonly ReadingDef[], lang: Lang, width = DEFAULT_WIDTH): string {
  if (readings.length === 0) return `${t('readings.none', lang)}\n`;
  const wrap = (text: string, indent: number, hang: number) => wrapText(text, width, { indent, hang });
  const blocks = readings.map((reading) => {
    const idWidth = Math.max(...reading.options.map((option) => option.id.length));
    const options = reading.options.flatMap((option) => {
      const marker = option.id === reading.default ? '*' : ' ';
      const suffix = option.id === reading.default ? aside(t('readings.default', lang), lang) : '';
      const head = `  ${marker} ${option.id.padEnd(idWidth)}  `;
      const [first = '', ...rest] = wrap(`${option.label[lang]}${suffix}`, displayWidth(head), displayWidth(head));
      return [head + first.trimStart(), ...rest];
    });
    return [
      t('readings.heading', lang, { id: reading.id, measure: String(reading.measure) }),
      ...wrap(reading.question[lang], 2, 2),
      ...wrap(t('readings.clause', lang, { clause: reading.clause }), 2, 4),
      `  ${t('readings.options', lang)}`,
      ...options,
      ...wrap(t('readings.why', lang, { rationale: reading.rationale[lang] }), 2, 4),
    ].join('\n');
  });
  return `${blocks.join('\n\n')}\n\n${wrap(t('readings.switch', lang), 0, 2).join('\n')}\n`;
}

/** `subsidy readings`: every reading the policy folder declares, its options, the default and why. */
export async function readings(options: CommonOptions & { json?: boolean }, io: Io): Promise<number> {
  const set = await loadPolicies(options, io);
  io.stdout.write(options.json ? renderJson({ readings: set.readings.map(readingJson) }) : renderReadings(set.readings, await langOf(options.lang, io), outputWidth(io) ?? DEFAULT_WIDTH));
  return 0;
}
