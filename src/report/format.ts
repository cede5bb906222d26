import { factLabel, valueLabel, type FactsDeclaration, type FactValue, type Label } from '../facts/facts.js';
import type { Reason } from '../engine/evaluate.js';
import { foldCondition } from '../policy/condition-walk.js';
import { leafWords, showThreshold, type Leaf } from '../policy/operators.js';
import type { AmountInput, ConditionInput } from '../policy/schema.js';
import { formatNumber } from '../util/number-text.js';

export type Lang = keyof Label;

/** Colour functions a reporter may use; the CLI decides whether they colour anything. */
export interface Style {
  bold(text: string): string;
  dim(text: string): string;
  green(text: string): string;
  yellow(text: string): string;
  red(text: string): string;
  cyan(text: string): string;
}

const identity = (text: string) => text;
export const PLAIN: Style = { bold: identity, dim: identity, green: identity, yellow: identity, red: identity, cyan: identity };

/** A number with at most two decimals and thousands separators (1,234.5): see formatNumber. */
export const decimal = (value: number, grouping = true): string => formatNumber(value, 2, grouping);

/** ¥2,000,000 in English; in Chinese as the document writes it: 200万元, 2.5万元, 1500元. */
export function yuan(value: number, lang: Lang): string {
  if (lang === 'en') return `¥${decimal(value)}`;
  if (Math.abs(value) >= 10_000 && Number.isInteger(value / 100)) return `${value / 10_000}万元`;
  return `${decimal(value, false)}元`;
}

const UNIT: Record<AmountInput['unit'], Label> = {
  person: { zh: '/人', en: ' per person' },
  'person-month': { zh: '/人·月', en: ' per person-month' },
  household: { zh: '/户', en: ' per household' },
  organisation: { zh: '/个', en: ' per organisation' },
  project: { zh: '/项', en: ' per project' },
  year: { zh: '/年', en: ' per year' },
};

/** The figure the document states, in words: "up to ¥2,000,000 per person", "最高200万元". */
export function describeAmount(amount: AmountInput | null, lang: Lang, facts: FactsDeclaration): string {
  if (!amount) return lang === 'zh' ? '非资金支持' : 'non-monetary';
  const zh = lang === 'zh';
  const unit = UNIT[amount.unit][lang];
  const period = amount.periodYears ? (zh ? `（${amount.periodYears}年）` : ` over ${amount.periodYears} years`) : '';
  const cny = amount.cny;
  let text: string;
  switch (amount.kind) {
    case 'fixed':
    case 'per-month':
      text = `${yuan(cny!, lang)}${unit}${period}`;
      break;
    case 'up-to':
      text = zh ? `最高${yuan(cny!, lang)}${unit}${period}` : `up to ${yuan(cny!, lang)}${unit}${period}`;
      break;
    case 'range':
      text = `${yuan(amount.min!, lang)}–${yuan(cny!, lang)}${unit}`;
      break;
    case 'rate': {
      const label = amount.base && 'fact' in amount.base ? factLabel(facts, amount.base.fact, lang) : zh ? '基数' : 'the base';
      const base = zh ? label : label.toLowerCase();
      const share = `${Number((amount.rate! * 100).toFixed(4))}%`;
      text = zh ? `${base}的${share}` : `${share} of ${base}`;
      if (cny !== null) text += zh ? `，最高${yuan(cny, lang)}` : `, up to ${yuan(cny, lang)}`;
      break;
    }
    case 'actual':
      text = zh ? `按实际金额${period}` : `actual costs${period}`;
      break;
    case 'local':
      text = zh ? '由地方或其他规定确定' : 'set by local or other rules';
      if (cny !== null) text += zh ? `，最高${yuan(cny, lang)}` : `, up to ${yuan(cny, lang)}`;
      break;
  }
  if (amount.rate && amount.kind !== 'rate') text += zh ? `（按${amount.rate * 100}%）` : ` (${amount.rate * 100}% of the base)`;
  if (amount.loan) text = zh ? `贷款${text}` : `loan ${text}`;
  return text;
}

export function describeValue(fact: string, value: FactValue | null | undefined, lang: Lang, facts: FactsDeclaration): string {
  return value === null || value === undefined ? (lang === 'zh' ? '未知' : 'unknown') : valueLabel(facts, fact, value, lang);
}

const DATE_WORDS = {
  from: { zh: (date: string) => `不早于 ${date}`, en: (date: string) => `on or after ${date}` },
  to: { zh: (date: string) => `不晚于 ${date}`, en: (date: string) => `on or before ${date}` },
  and: { zh: '且', en: ' and ' },
  must: { zh: '须', en: 'must be ' },
};

/**
 * What a comparison requires, in the operator table's words, its values by their labels in facts.yaml: 至少 6 /
 * must be at least 6, 须为以下之一：区县 / must be one of: District; the opposite under a not.
 */
export function describeRequirement(test: Pick<Leaf, 'op' | 'arg'> & { fact: string; negated?: boolean }, lang: Lang, facts: FactsDeclaration): string {
  const label = (value: FactValue) => valueLabel(facts, test.fact, value, lang);
  return leafWords(test, lang, label, showThreshold, test.negated === true);
}

const GROUP_WORDS = {
  all: { zh: '同时满足', en: 'all of' },
  any: { zh: '满足其一', en: 'any of' },
  not: { zh: '不得满足', en: 'none of' },
};

/**
 * A condition tree in one line of words: "社保月数至少 6" / "Social-insurance months must be at least 6", groups as
 * "同时满足（…；…）" / "all of (…; …)".
 */
export function describeConditionWords(node: ConditionInput, lang: Lang, facts: FactsDeclaration): string {
  const zh = lang === 'zh';
  const group = (kind: keyof typeof GROUP_WORDS, children: string[]) => (zh ? `${GROUP_WORDS[kind].zh}（${children.join('；')}）` : `${GROUP_WORDS[kind].en} (${children.join('; ')})`);
  return foldCondition<string>(node, {
    group: (kind, children) => group(kind, children),
    not: (child) => group('not', [child]),
    compare: (leaf) => `${factLabel(facts, leaf.fact, lang)}${zh ? '' : ' '}${describeRequirement(leaf, lang, facts)}`,
  });
}

/** "Social-insurance months is 5, must be at least 6" / "社保月数为5个月，至少 6". */
export function describeReason(reason: Reason, lang: Lang, facts: FactsDeclaration): string {
  let name: string;
  let requirement: string;
  if ('window' in reason) {
    name = lang === 'zh' ? '日期' : 'date';
    const bounds = (['from', 'to'] as const).filter((side) => reason.window[side] !== undefined).map((side) => DATE_WORDS[side][lang](reason.window[side]!));
    requirement = `${DATE_WORDS.must[lang]}${bounds.join(DATE_WORDS.and[lang])}`;
  } else {
    name = factLabel(facts, reason.fact, lang);
    requirement = describeRequirement(reason, lang, facts);
  }
  return lang === 'zh' ? `${name}为${describeValue(reason.fact, reason.actual, lang, facts)}，${requirement}` : `${name} is ${describeValue(reason.fact, reason.actual, lang, facts)}, ${requirement}`;
}
