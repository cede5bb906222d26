import { factLabel, valueLabel, type FactsDeclaration, type FactValue, type Label } from '../facts/facts.js';
import type { Reason } from '../engine/evaluate.js';
import { foldCondition } from '../policy/condition-walk.js';
import { leafWords, showThreshold, type Leaf } from '../policy/operators.js';
import type { AmountInput, ConditionInput } from '../policy/schema.js';
import { aside, joinClauses, t, type MessageId } from '../util/messages/index.js';
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

/** The policy document's title in the language (the compiled results keep both). */
export const policyTitle = (policy: { title: string; titleEn: string }, lang: Lang): string => (lang === 'en' ? policy.titleEn : policy.title);

/** The figure the document states, in words: "up to ¥2,000,000 per person", "最高200万元". */
export function describeAmount(amount: AmountInput | null, lang: Lang, facts: FactsDeclaration): string {
  if (!amount) return t('amount.nonMonetary', lang);
  const unit = t(`unit.${amount.unit}`, lang);
  const period = amount.periodYears ? t('amount.period', lang, { years: String(amount.periodYears) }) : '';
  const cny = amount.cny;
  const cap = cny === null ? '' : t('amount.cap', lang, { figure: yuan(cny, lang) });
  let text: string;
  switch (amount.kind) {
    case 'fixed':
    case 'per-month':
      text = `${yuan(cny!, lang)}${unit}${period}`;
      break;
    case 'up-to':
      text = t('amount.upTo', lang, { figure: `${yuan(cny!, lang)}${unit}${period}` });
      break;
    case 'range':
      text = `${yuan(amount.min!, lang)}–${yuan(cny!, lang)}${unit}`;
      break;
    case 'rate': {
      const label = amount.base && 'fact' in amount.base ? factLabel(facts, amount.base.fact, lang) : t('amount.theBase', lang);
      // Mid-sentence in English the fact's label loses its capital.
      const base = lang === 'en' ? label.toLowerCase() : label;
      text = `${t('amount.rate', lang, { base, share: `${Number((amount.rate! * 100).toFixed(4))}%` })}${cap}`;
      break;
    }
    case 'actual':
      text = t('amount.actual', lang, { period });
      break;
    case 'local':
      text = `${t('amount.local', lang)}${cap}`;
      break;
  }
  if (amount.rate && amount.kind !== 'rate') text += t('amount.ofBase', lang, { percent: String(amount.rate * 100) });
  if (amount.loan) text = t('amount.loan', lang, { figure: text });
  return text;
}

export function describeValue(fact: string, value: FactValue | null | undefined, lang: Lang, facts: FactsDeclaration): string {
  return value === null || value === undefined ? t('unknownValue', lang) : valueLabel(facts, fact, value, lang);
}

/** A date window's requirement: from a day, to a day, or both. */
function dateRequirement({ from, to }: { from?: string; to?: string }, lang: Lang): string {
  if (from !== undefined && to !== undefined) return t('date.window', lang, { from, to });
  return from !== undefined ? t('date.onOrAfter', lang, { from }) : t('date.onOrBefore', lang, { to: to ?? '' });
}

/**
 * What a comparison requires, in the operator table's words, its values by their labels in facts.yaml: 至少 6 /
 * must be at least 6, 须为以下之一：区县 / must be one of: District; the opposite under a not.
 */
export function describeRequirement(test: Pick<Leaf, 'op' | 'arg'> & { fact: string; negated?: boolean }, lang: Lang, facts: FactsDeclaration): string {
  const label = (value: FactValue) => valueLabel(facts, test.fact, value, lang);
  return leafWords(test, lang, label, showThreshold, test.negated === true);
}

const GROUP_WORDS: Record<'all' | 'any' | 'not', MessageId> = { all: 'group.all', any: 'group.any', not: 'group.not' };

/**
 * A condition tree in one line of words: "社保月数至少 6" / "Social-insurance months must be at least 6", groups as
 * "同时满足（…；…）" / "all of (…; …)".
 */
export function describeConditionWords(node: ConditionInput, lang: Lang, facts: FactsDeclaration): string {
  const group = (kind: keyof typeof GROUP_WORDS, children: string[]) => `${t(GROUP_WORDS[kind], lang)}${aside(joinClauses(children, lang), lang)}`;
  return foldCondition<string>(node, {
    group: (kind, children) => group(kind, children),
    not: (child) => group('not', [child]),
    compare: (leaf) => t('condition.leaf', lang, { fact: factLabel(facts, leaf.fact, lang), requirement: describeRequirement(leaf, lang, facts) }),
  });
}

/** "Social-insurance months is 5, must be at least 6" / "社保月数为5个月，至少 6". */
export function describeReason(reason: Reason, lang: Lang, facts: FactsDeclaration): string {
  const [name, requirement] =
    'window' in reason ? [t('date.name', lang), dateRequirement(reason.window, lang)] : [factLabel(facts, reason.fact, lang), describeRequirement(reason, lang, facts)];
  return t('reason.is', lang, { name, value: describeValue(reason.fact, reason.actual, lang, facts), requirement });
}
