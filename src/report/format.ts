import { factLabel, valueLabel, type FactsDeclaration, type FactValue, type Label } from '../facts/facts.js';
import type { AmountInput } from '../policy/schema.js';

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

/**
 * A number as toLocaleString('en-US', { maximumFractionDigits: 2 }) writes it (1,234.5), without Intl: a check
 * formats a few dozen figures, and loading the locale data for them cost more than the rest of the report.
 */
export function decimal(value: number, grouping = true): string {
  if (!Number.isFinite(value) || Math.abs(value) >= 1e21) return value.toLocaleString('en-US', { maximumFractionDigits: 2, useGrouping: grouping });
  // Intl rounds the shortest decimal form of the number (1.005, not 1.00499…), half away from zero.
  let [whole, fraction] = Math.abs(value) < 0.005 ? ['0', ''] : (String(Math.abs(value)).split('.') as [string, string?]);
  fraction ??= '';
  if (fraction.length > 2) {
    const up = fraction[2]! >= '5';
    fraction = fraction.slice(0, 2);
    if (up) {
      const digits = (BigInt(whole + fraction) + 1n).toString().padStart(3, '0');
      [whole, fraction] = [digits.slice(0, -2), digits.slice(-2)];
    }
  }
  fraction = fraction.replace(/0+$/, '');
  const sign = value < 0 || Object.is(value, -0) ? '-' : '';
  return `${sign}${grouping ? whole.replace(/\B(?=(\d{3})+$)/g, ',') : whole}${fraction ? `.${fraction}` : ''}`;
}

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

/** "socialInsuranceMonths 5, needs >= 6" in the chosen language. */
export function describeReason(reason: { fact: string; expected: string; actual: FactValue }, lang: Lang, facts: FactsDeclaration): string {
  const name = reason.fact === 'asOf' ? (lang === 'zh' ? '日期' : 'date') : factLabel(facts, reason.fact, lang);
  return lang === 'zh'
    ? `${name}为${describeValue(reason.fact, reason.actual, lang, facts)}，要求 ${reason.expected}`
    : `${name} is ${describeValue(reason.fact, reason.actual, lang, facts)}, needs ${reason.expected}`;
}
