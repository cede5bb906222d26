import { msg, render, type Message } from '../util/messages/index.js';
import { parseChineseNumeral } from '../util/chinese-numeral.js';
import { parseDecimal, parseScaledDecimal } from '../util/decimal.js';
import { allowedMessage, type FactDef, type FactsDeclaration, type FactValue } from './facts.js';
import { foldWidth, spellingKey, valueTableOf } from './spellings.js';

/** A refusal carries its message in English (`message`, as every problem is printed today) and in Chinese (`zh`). */
/** A refusal as a message for a problem: both languages, as coerceFactValue wrote them. */
export function coercedMessage(refused: { message: string; zh: string }): Message {
  return msg('schema.issue', { detail: { zh: refused.zh, en: refused.message } });
}

export type Coerced = { ok: true; value: FactValue | undefined } | { ok: false; message: string; zh: string };

/**
 * What a fact accepts, as a refusal (and a question) words it: allowedMessage's words, but yes or no and a range
 * (是或否, 1 到 3 之间的整数) as refusals have always written them.
 */
export function refusalAllowed(def: FactDef): Message {
  if (def.type === 'boolean') return msg('refusal.boolean');
  if ((def.type === 'integer' || def.type === 'number') && def.max !== undefined) {
    return msg(def.type === 'integer' ? 'refusal.integerRange' : 'refusal.numberRange', { min: String(def.min), max: String(def.max) });
  }
  return allowedMessage(def);
}

/** A refusal in both languages; the value as typed, in Chinese quotes, or as JSON in English. */
function refused(message: Message): Coerced & { ok: false } {
  return { ok: false, message: render(message, 'en'), zh: render(message, 'zh') };
}
const written = (raw: unknown) => ({ zh: String(raw), en: JSON.stringify(raw) ?? String(raw) });

export function refusal(def: FactDef, raw: unknown): Coerced & { ok: false } {
  const allowed = refusalAllowed(def);
  // What a number fact allows, when what was refused was written (a string): how it may be written.
  const numerals = typeof raw === 'string' && (def.type === 'number' || def.type === 'integer');
  return refused(msg('refusal.notAllowed', { raw: written(raw), allowed: numerals ? msg('refusal.numerals', { allowed }) : allowed }));
}

function ambiguity(def: FactDef, raw: string, candidates: readonly string[]): Coerced {
  const labels = def.type === 'enum' ? def.valueLabels : {};
  const choice = (value: string) => msg('refusal.choice', { value, label: labels[value]?.zh ?? value });
  const or = (lang: 'zh' | 'en') => candidates.map((value) => render(choice(value), lang)).join(render(msg('refusal.or'), lang));
  return refused(msg('refusal.ambiguous', { raw: written(raw), choices: { zh: or('zh'), en: or('en') } }));
}

/**
 * A number as written, maybe full-width (１２) or in Chinese numerals (十二), and maybe followed by one of the fact's
 * units (6个月, 十二个月, 60%, 1.5倍), tried shortest first (see ValueTable): 一亿零五万元 is 100,050,000 yuan, not
 * 一亿零五 × 万元. A Chinese numeral is a whole number, scaled by the unit exactly as digits are.
 */
function numberOf(facts: FactsDeclaration, def: FactDef, raw: string): number | undefined {
  const text = foldWidth(raw).trim();
  const alone = parseDecimal(text) ?? parseChineseNumeral(text);
  if (alone !== undefined) return alone;
  const lower = text.toLowerCase();
  for (const unit of valueTableOf(facts, def).units) {
    if (lower.length <= unit.key.length || !lower.endsWith(unit.key)) continue;
    const number = lower.slice(0, lower.length - unit.key.length).trimEnd();
    const numeral = parseDecimal(number) === undefined ? parseChineseNumeral(number) : undefined;
    const value = parseScaledDecimal(numeral === undefined ? number : String(numeral), unit.times, unit.per);
    if (value !== undefined) return value;
  }
  return undefined;
}

/**
 * Turns what a person typed or a file held into the fact's canonical value, through the one spelling table of the
 * facts declaration (see spellings.ts): enum labels and aliases in zh and en, the words for yes and no, the words
 * for unknown (a blank string or null is unknown too), numbers with thousands separators, full-width digits, Chinese
 * numerals (十二, 一万二千: see parseChineseNumeral) and the fact's declared units. Case, width and spaces do not
 * count in a spelling. A spelling declared ambiguous is refused with the values it could mean.
 */
export function coerceFactValue(facts: FactsDeclaration, def: FactDef, raw: unknown): Coerced {
  if (raw === null || raw === undefined) return { ok: true, value: undefined };
  if (typeof raw === 'string') {
    if (raw.trim() === '') return { ok: true, value: undefined };
    if (valueTableOf(facts, def).unknown.has(spellingKey(raw))) return { ok: true, value: undefined };
  }
  switch (def.type) {
    case 'enum': {
      if (typeof raw !== 'string') return refusal(def, raw);
      const table = valueTableOf(facts, def);
      const key = spellingKey(raw);
      const value = table.values.get(key);
      if (value !== undefined) return { ok: true, value };
      const ambiguous = table.ambiguous.get(key);
      return ambiguous ? ambiguity(def, raw, ambiguous.candidates) : refusal(def, raw);
    }
    case 'boolean': {
      if (typeof raw === 'boolean') return { ok: true, value: raw };
      const value = valueTableOf(facts, def).values.get(spellingKey(String(raw)));
      return value === undefined ? refusal(def, raw) : { ok: true, value };
    }
    case 'number':
    case 'integer': {
      const value = typeof raw === 'number' ? raw : typeof raw === 'string' ? numberOf(facts, def, raw) : undefined;
      if (value === undefined || !Number.isFinite(value)) return refusal(def, raw);
      if (def.type === 'integer' && !Number.isInteger(value)) return refusal(def, raw);
      if (value < def.min || (def.max !== undefined && value > def.max)) return refusal(def, raw);
      return { ok: true, value };
    }
  }
}
