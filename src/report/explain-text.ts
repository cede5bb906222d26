import { factLabel, valueLabel } from '../facts/facts.js';
import type { Trace } from '../engine/condition.js';
import type { IneligibleItem } from '../engine/evaluate.js';
import type { AmountExplanation, Explanation, ItemStatus } from '../engine/explain.js';
import type { ConditionInput } from '../policy/schema.js';
import { describeAmount, describeReason, yuan, type Lang, type Style } from './format.js';
import { describeFactValue, describeNearMiss } from './explain-what-if.js';
import { t } from './messages.js';


const KIND_WORDS = { all: 'allOf', any: 'anyOf', not: 'noneOf' } as const;

function hasUnknown(trace: Trace): boolean {
  if (trace.kind === 'compare') return trace.actual === null;
  return trace.kind === 'not' ? hasUnknown(trace.child) : trace.children.some(hasUnknown);
}

function marker(status: Trace['status'], style: Style): string {
  return status === 'held' ? style.green('✓') : status === 'failed' ? style.red('✗') : style.yellow('?');
}

/** The test in words, with value labels for enums and booleans: "one of Micro, Small, Medium", "yes", ">= 6". */
function describeExpected(node: ConditionInput, trace: Trace & { kind: 'compare' }, lang: Lang): string {
  const fact = trace.fact;
  const label = (value: string | number | boolean) => (typeof value === 'number' ? String(value) : valueLabel(fact, value, lang));
  if (node.is !== undefined) return label(node.is);
  if (node.equals !== undefined) return label(node.equals);
  if (node.in !== undefined) {
    const values = node.in.map(label);
    return lang === 'zh' ? `${values.join('、')}${t('oneOf', lang)}` : `${t('oneOf', lang)} ${values.join(', ')}`;
  }
  return trace.expected;
}

function renderTrace(node: ConditionInput, trace: Trace, depth: number, lang: Lang, style: Style, out: string[]): void {
  const indent = '  '.repeat(depth + 1);
  if (trace.kind === 'compare') {
    const value = describeFactValue(trace.fact, trace.actual, lang);
    const params = trace.missingParams.length ? style.yellow(` (${t('needsParam', lang)} ${trace.missingParams.join(', ')})`) : '';
    const sep = lang === 'zh' ? '：' : ': ';
    out.push(`${indent}${marker(trace.status, style)} ${factLabel(trace.fact, lang)}${sep}${value} ${style.dim(`— ${t('requires', lang)} ${describeExpected(node, trace, lang)}`)}${params}`);
    return;
  }
  if (trace.kind === 'not') {
    out.push(`${indent}${marker(trace.status, style)} ${t('noneOf', lang)}`);
    renderTrace(node.not!, trace.child, depth + 1, lang, style, out);
    return;
  }
  out.push(`${indent}${marker(trace.status, style)} ${t(KIND_WORDS[trace.kind], lang)}`);
  const children = (node.all ?? node.any)!;
  trace.children.forEach((child, i) => renderTrace(children[i]!, child, depth + 1, lang, style, out));
}

/** How the sum was worked out, in one or two sentences. */
export function describeAmountExplanation(amount: AmountExplanation, lang: Lang): string {
  const zh = lang === 'zh';
  const stated = describeAmount(amount.stated, lang);
  const sentence = zh ? stated : stated.charAt(0).toUpperCase() + stated.slice(1);
  const estimate = amount.estimateCNY === null ? '' : zh ? ` → ${t('estimateArrow', lang)}${yuan(amount.estimateCNY, lang)}` : ` → ${t('estimateArrow', lang)} ${yuan(amount.estimateCNY, lang)}`;
  switch (amount.method) {
    case 'non-monetary':
      return zh ? '非资金支持，无金额。' : 'A non-monetary benefit: no sum.';
    case 'fixed':
      return zh ? `固定金额 ${stated}${estimate}` : `A fixed sum of ${stated}${estimate}`;
    case 'per-month': {
      const { fact, value } = amount.months!;
      const rate = yuan(amount.stated!.cny!, lang);
      if (value === null) {
        return zh
          ? `${rate} × ${factLabel(fact, lang)}（未知）：填写${factLabel(fact, lang)}后可测算`
          : `${rate} × ${factLabel(fact, lang)} (unknown): no estimate until ${factLabel(fact, lang)} is known`;
      }
      return `${rate} × ${factLabel(fact, lang)} ${value} = ${yuan(amount.estimateCNY!, lang)}`;
    }
    case 'rate': {
      const base = amount.base!;
      const baseName = 'fact' in base ? factLabel(base.fact, lang) : base.param;
      const share = `${Number((amount.rate! * 100).toFixed(4))}%`;
      if (base.value === null) {
        if ('param' in base) return zh ? `${stated}：需提供地方参数 --param ${base.param}=金额 后可测算` : `${sentence}: no estimate until you supply --param ${base.param}=VALUE`;
        return zh ? `${stated}：填写${baseName}后可测算` : `${sentence}: no estimate until ${baseName} is known`;
      }
      const product = `${share} × ${baseName} ${yuan(base.value, lang)}`;
      const cap = amount.capped ? (zh ? `，超过上限，按上限${yuan(amount.capCNY!, lang)}` : `, above the cap of ${yuan(amount.capCNY!, lang)}`) : '';
      return `${product}${cap}${estimate}`;
    }
    case 'loan':
      return zh ? `${stated}：为贷款额度，不是补贴，不计入合计` : `${sentence}: a loan ceiling, not money granted; not counted in totals`;
    case 'no-estimate':
      return zh
        ? `${stated}：实际金额在申请时由主管部门或地方规定确定，不作测算`
        : `${sentence}: the actual sum is decided on application, by the responsible units or local rules; no estimate`;
  }
}

/** `subsidy explain` in words: status, the condition tree node by node, the amount, what would change it, the basis. */
export function renderExplanation(explanation: Explanation, lang: Lang, style: Style): string {
  const { item, status, trace } = explanation;
  const zh = lang === 'zh';
  const out: string[] = [];
  const where = zh ? `${item.basis.document} 第${item.measure}条` : `${item.basis.document}, measure ${item.measure}`;
  out.push(style.bold(`${item.title[lang]} ${style.dim(`(${item.id})`)}`));
  out.push(`${where} — ${t('asOf', lang)} ${explanation.asOf}`);
  const colour = status === 'eligible' ? style.green : status === 'undetermined' ? style.yellow : style.red;
  out.push(`${t('explainStatus', lang)}${zh ? '：' : ': '}${colour(style.bold(t(status satisfies ItemStatus, lang)))}`);

  if (status === 'ineligible' && trace.status === 'held') {
    const ineligible = item as IneligibleItem;
    const why = ineligible.supersededBy
      ? `${t('supersededBy', lang)}: ${ineligible.supersededBy}`
      : ineligible.unmet.map((reason) => describeReason(reason, lang)).join('; ');
    out.push(`${t('heldButExcluded', lang)} ${why}`);
  }
  if (status === 'undetermined') {
    const needs = [
      ...explanation.reasons.missing.map((fact) => `${factLabel(fact, lang)} (${fact})`),
      ...explanation.reasons.missingParams.map((param) => `${t('needsParam', lang)} ${param}`),
    ];
    out.push(`${t('stillNeeded', lang)}${zh ? '：' : ': '}${needs.join(', ')}`);
  }

  out.push('', style.bold(t('conditions', lang)) + style.dim(`  (${t('legend', lang)})`));
  renderTrace(explanation.condition, trace, 0, lang, style, out);

  out.push('', style.bold(t('amountHeading', lang)), `  ${describeAmountExplanation(explanation.amount, lang)}`);
  if (item.localRules) {
    const missing = item.localRules.missingParams.length ? ` (${t('needsParam', lang)} ${item.localRules.missingParams.join(', ')})` : '';
    out.push(style.yellow(`  ${t('localRulesHeading', lang)}${zh ? '：' : ': '}${item.localRules.note[lang]}${missing}`));
  }

  if (status !== 'eligible') {
    out.push('', style.bold(t('whatIf', lang)));
    const none = hasUnknown(trace) ? t('noWhatIfWhileUnknown', lang) : t('noWhatIf', lang);
    out.push(`  ${explanation.nearMiss ? describeNearMiss(explanation.nearMiss, lang) : none}`);
  }

  out.push('', style.bold(t('basis', lang)), `  ${where}`, `  “${item.basis.quote}”`);
  const none = t('none', lang);
  out.push(`  ${t('leadUnits', lang)}${zh ? '：' : ': '}${item.basis.lead.join('、') || none}`);
  out.push(`  ${t('responsibleUnits', lang)}${zh ? '：' : ': '}${item.basis.responsible.join('、') || none}`);

  if (item.notes.length > 0) {
    out.push('', style.bold(t('readingNotes', lang)));
    for (const note of item.notes) out.push(style.dim(`  - ${note}`));
  }
  return out.join('\n') + '\n';
}
