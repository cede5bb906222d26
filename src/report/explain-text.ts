import { factLabel, type FactsDeclaration } from '../facts/facts.js';
import type { Params, Trace } from '../engine/condition.js';
import { foldCondition } from '../policy/condition-walk.js';
import type { IneligibleItem } from '../engine/evaluate.js';
import type { AmountExplanation, Explanation, ItemStatus, ReadingEffect } from '../engine/explain.js';
import type { ConditionInput } from '../policy/schema.js';
import { describeAmount, describeReason, describeRequirement, yuan, type Lang, type Style } from './format.js';
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

/** The condition node by node, each with its status from the trace, which follows the same tree. */
function renderTrace(condition: ConditionInput, trace: Trace, lang: Lang, style: Style, out: string[], facts: FactsDeclaration, readings: readonly ReadingEffect[] = []): void {
  type Render = (trace: Trace, depth: number) => void;
  const line = (depth: number, text: string) => out.push(`${'  '.repeat(depth + 1)}${text}`);
  const render = foldCondition<Render>(condition, {
    group: (kind, children) => (trace, depth) => {
      line(depth, `${marker(trace.status, style)} ${t(KIND_WORDS[kind], lang)}`);
      if (trace.kind === kind) trace.children.forEach((child, i) => children[i]!(child, depth + 1));
    },
    not: (child) => (trace, depth) => {
      line(depth, `${marker(trace.status, style)} ${t('noneOf', lang)}`);
      if (trace.kind === 'not') child(trace.child, depth + 1);
    },
    compare: (leaf) => (trace, depth) => {
      if (trace.kind !== 'compare') return;
      const reading = leaf.op === 'reading' ? readings.find((effect) => effect.id === leaf.fact) : undefined;
      if (reading) {
        const option = (id: unknown) => (id === reading.inForce.option ? reading.inForce.label : reading.alternatives.find((a) => a.option === id)?.label)?.[lang] ?? String(id);
        const words = lang === 'zh' ? `解读 ${reading.id}：${option(leaf.arg)}` : `reading ${reading.id}: ${option(leaf.arg)}`;
        const inForce = lang === 'zh' ? `现行：${reading.inForce.label.zh}` : `in force: ${reading.inForce.label.en}`;
        line(depth, `${marker(trace.status, style)} ${words}${trace.status === 'held' ? '' : ` ${style.dim(`— ${inForce}`)}`}`);
        return;
      }
      const value = describeFactValue(facts, trace.fact, trace.actual, lang);
      const needs = trace.missingParams.length ? style.yellow(` (${t('needsParam', lang)} ${trace.missingParams.join(', ')})`) : '';
      const sep = lang === 'zh' ? '：' : ': ';
      const expected = describeRequirement(trace, lang, facts);
      line(depth, `${marker(trace.status, style)} ${factLabel(facts, trace.fact, lang)}${sep}${value} ${style.dim(`— ${expected}`)}${needs}`);
    },
  });
  render(trace, 0);
}

/**
 * What each reading the outcome depends on does: "under reading X (option A); under option B it would be …", in the
 * chosen language, with the estimate where the other option makes the item eligible.
 */
export function describeReadingEffects(effects: readonly ReadingEffect[], status: ItemStatus, lang: Lang): string[] {
  return effects.map((effect) => {
    const others = effect.alternatives.map((alternative) => {
      const outcome = alternative.status === status ? (lang === 'zh' ? '结果相同' : 'the same') : t(alternative.status, lang);
      const sum = alternative.status === 'eligible' && alternative.estimateCNY !== null && alternative.status !== status ? ` ${yuan(alternative.estimateCNY, lang)}` : '';
      return lang === 'zh'
        ? `若取 ${alternative.option}（${alternative.label.zh}），则为：${outcome}${sum}`
        : `under ${alternative.option} (${alternative.label.en}) it would be: ${outcome}${sum}`;
    });
    return lang === 'zh'
      ? `按解读 ${effect.id}（${effect.inForce.option}：${effect.inForce.label.zh}）；${others.join('；')}。`
      : `Under reading ${effect.id} (${effect.inForce.option}: ${effect.inForce.label.en}); ${others.join('; ')}.`;
  });
}

/** How the sum was worked out, in one or two sentences. */
export function describeAmountExplanation(amount: AmountExplanation, lang: Lang, facts: FactsDeclaration): string {
  const zh = lang === 'zh';
  const stated = describeAmount(amount.stated, lang, facts);
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
          ? `${rate} × ${factLabel(facts, fact, lang)}（未知）：填写${factLabel(facts, fact, lang)}后可测算`
          : `${rate} × ${factLabel(facts, fact, lang)} (unknown): no estimate until ${factLabel(facts, fact, lang)} is known`;
      }
      return `${rate} × ${factLabel(facts, fact, lang)} ${value} = ${yuan(amount.estimateCNY!, lang)}`;
    }
    case 'rate': {
      const base = amount.base!;
      const baseName = 'fact' in base ? factLabel(facts, base.fact, lang) : base.param;
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
export function renderExplanation(explanation: Explanation, lang: Lang, style: Style, params: Params, facts: FactsDeclaration): string {
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
      : ineligible.unmet.map((reason) => describeReason(reason, lang, facts)).join('; ');
    out.push(`${t('heldButExcluded', lang)} ${why}`);
  }
  if (status === 'undetermined') {
    const needs = [
      ...explanation.reasons.missing.map((fact) => `${factLabel(facts, fact, lang)} (${fact})`),
      ...explanation.reasons.missingParams.map((param) => `${t('needsParam', lang)} ${param}`),
    ];
    out.push(`${t('stillNeeded', lang)}${zh ? '：' : ': '}${needs.join(', ')}`);
  }

  out.push('', style.bold(t('conditions', lang)) + style.dim(`  (${t('legend', lang)})`));
  renderTrace(explanation.condition, trace, lang, style, out, facts, explanation.readings);
  if (explanation.readings.length > 0) {
    out.push('', style.bold(lang === 'zh' ? '解读' : 'Readings'));
    for (const line of describeReadingEffects(explanation.readings, status, lang)) out.push(`  ${line}`);
  }

  out.push('', style.bold(t('amountHeading', lang)), `  ${describeAmountExplanation(explanation.amount, lang, facts)}`);
  if (item.localRules) {
    const missing = item.localRules.missingParams.length ? ` (${t('needsParam', lang)} ${item.localRules.missingParams.join(', ')})` : '';
    out.push(style.yellow(`  ${t('localRulesHeading', lang)}${zh ? '：' : ': '}${item.localRules.note[lang]}${missing}`));
  }

  if (status !== 'eligible') {
    out.push('', style.bold(t('whatIf', lang)));
    const none = hasUnknown(trace) ? t('noWhatIfWhileUnknown', lang) : t('noWhatIf', lang);
    out.push(`  ${explanation.nearMiss ? describeNearMiss(explanation.nearMiss, lang, facts) : none}`);
  }

  out.push('', style.bold(t('basis', lang)), `  ${where}`, `  “${item.basis.quote}”`);
  const none = t('none', lang);
  out.push(`  ${t('leadUnits', lang)}${zh ? '：' : ': '}${item.basis.lead.join('、') || none}`);
  out.push(`  ${t('responsibleUnits', lang)}${zh ? '：' : ': '}${item.basis.responsible.join('、') || none}`);

  if (item.notes.length > 0) {
    out.push('', style.bold(t('readingNotes', lang)));
    for (const note of item.notes) out.push(style.dim(`  - ${note[lang]}`));
  }
  return out.join('\n') + '\n';
}
