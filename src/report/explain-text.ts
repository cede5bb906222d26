import { factLabel, type FactsDeclaration } from '../facts/facts.js';
import type { Params, Trace } from '../engine/condition.js';
import { foldCondition } from '../policy/condition-walk.js';
import type { IneligibleItem } from '../engine/evaluate.js';
import type { AmountExplanation, Explanation, ItemStatus, ReadingEffect } from '../engine/explain.js';
import type { ConditionInput } from '../policy/schema.js';
import { describeAmount, describeReason, describeRequirement, yuan, type Lang, type Style } from './format.js';
import { describeFactValue, describeNearMiss } from './explain-what-if.js';
import { t } from './messages.js';
import { colon, joinClauses } from '../util/messages/index.js';

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
        const words = t('explain.readingLeaf', lang, { id: reading.id, option: option(leaf.arg) });
        const inForce = t('explain.readingInForce', lang, { label: reading.inForce.label[lang] });
        line(depth, `${marker(trace.status, style)} ${words}${trace.status === 'held' ? '' : ` ${style.dim(`— ${inForce}`)}`}`);
        return;
      }
      const value = describeFactValue(facts, trace.fact, trace.actual, lang);
      const needs = trace.missingParams.length ? style.yellow(` (${t('needsParam', lang)} ${trace.missingParams.join(', ')})`) : '';
      const expected = describeRequirement(trace, lang, facts);
      line(depth, `${marker(trace.status, style)} ${factLabel(facts, trace.fact, lang)}${colon(lang)}${value} ${style.dim(`— ${expected}`)}${needs}`);
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
      const outcome = alternative.status === status ? t('explain.sameOutcome', lang) : t(alternative.status, lang);
      const sum = alternative.status === 'eligible' && alternative.estimateCNY !== null && alternative.status !== status ? ` ${yuan(alternative.estimateCNY, lang)}` : '';
      return t('explain.underAlternative', lang, { option: alternative.option, label: alternative.label[lang], outcome, sum });
    });
    return t('explain.underReading', lang, { id: effect.id, option: effect.inForce.option, label: effect.inForce.label[lang], others: joinClauses(others, lang) });
  });
}

/** How the sum was worked out, in one or two sentences. */
export function describeAmountExplanation(amount: AmountExplanation, lang: Lang, facts: FactsDeclaration): string {
  const stated = describeAmount(amount.stated, lang, facts);
  // At the start of an English sentence the figure takes a capital ("Up to ¥30,000 per person: …").
  const sentence = lang === 'en' ? stated.charAt(0).toUpperCase() + stated.slice(1) : stated;
  const estimate = amount.estimateCNY === null ? '' : t('explain.estimate', lang, { estimate: yuan(amount.estimateCNY, lang) });
  switch (amount.method) {
    case 'non-monetary':
      return t('explain.amountNonMonetary', lang);
    case 'fixed':
      return t('explain.amountFixed', lang, { amount: stated, estimate });
    case 'per-month': {
      const { fact, value } = amount.months!;
      const rate = yuan(amount.stated!.cny!, lang);
      if (value === null) return t('explain.amountPerMonthUnknown', lang, { rate, fact: factLabel(facts, fact, lang) });
      return `${rate} × ${factLabel(facts, fact, lang)} ${value} = ${yuan(amount.estimateCNY!, lang)}`;
    }
    case 'rate': {
      const base = amount.base!;
      const baseName = 'fact' in base ? factLabel(facts, base.fact, lang) : base.param;
      const share = `${Number((amount.rate! * 100).toFixed(4))}%`;
      if (base.value === null) {
        if ('param' in base) return t('explain.amountNeedsParam', lang, { amount: sentence, param: base.param });
        return t('explain.amountNeedsFact', lang, { amount: sentence, fact: baseName });
      }
      const product = `${share} × ${baseName} ${yuan(base.value, lang)}`;
      const cap = amount.capped ? t('explain.amountCapped', lang, { cap: yuan(amount.capCNY!, lang) }) : '';
      return `${product}${cap}${estimate}`;
    }
    case 'loan':
      return t('explain.amountLoan', lang, { amount: sentence });
    case 'no-estimate':
      return t('explain.amountNoEstimate', lang, { amount: sentence });
  }
}

/** `subsidy explain` in words: status, the condition tree node by node, the amount, what would change it, the basis. */
export function renderExplanation(explanation: Explanation, lang: Lang, style: Style, params: Params, facts: FactsDeclaration): string {
  const { item, status, trace } = explanation;
  const out: string[] = [];
  const where = t('documentMeasure', lang, { document: item.basis.document, n: item.measure });
  out.push(style.bold(`${item.title[lang]} ${style.dim(`(${item.id})`)}`));
  out.push(`${where} — ${t('asOf', lang)} ${explanation.asOf}`);
  const colour = status === 'eligible' ? style.green : status === 'undetermined' ? style.yellow : style.red;
  out.push(`${t('explainStatus', lang)}${colon(lang)}${colour(style.bold(t(status satisfies ItemStatus, lang)))}`);

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
    out.push(`${t('stillNeeded', lang)}${colon(lang)}${needs.join(', ')}`);
  }

  out.push('', style.bold(t('conditions', lang)) + style.dim(`  (${t('legend', lang)})`));
  renderTrace(explanation.condition, trace, lang, style, out, facts, explanation.readings);
  if (explanation.readings.length > 0) {
    out.push('', style.bold(t('explain.readings', lang)));
    for (const line of describeReadingEffects(explanation.readings, status, lang)) out.push(`  ${line}`);
  }

  out.push('', style.bold(t('amountHeading', lang)), `  ${describeAmountExplanation(explanation.amount, lang, facts)}`);
  if (item.localRules) {
    const missing = item.localRules.missingParams.length ? ` (${t('needsParam', lang)} ${item.localRules.missingParams.join(', ')})` : '';
    out.push(style.yellow(`  ${t('localRulesHeading', lang)}${colon(lang)}${item.localRules.note[lang]}${missing}`));
  }

  if (status !== 'eligible') {
    out.push('', style.bold(t('whatIf', lang)));
    const none = hasUnknown(trace) ? t('noWhatIfWhileUnknown', lang) : t('noWhatIf', lang);
    out.push(`  ${explanation.nearMiss ? describeNearMiss(explanation.nearMiss, lang, facts) : none}`);
  }

  out.push('', style.bold(t('basis', lang)), `  ${where}`, `  “${item.basis.quote}”`);
  const none = t('none', lang);
  out.push(`  ${t('leadUnits', lang)}${colon(lang)}${item.basis.lead.join('、') || none}`);
  out.push(`  ${t('responsibleUnits', lang)}${colon(lang)}${item.basis.responsible.join('、') || none}`);

  if (item.notes.length > 0) {
    out.push('', style.bold(t('readingNotes', lang)));
    for (const note of item.notes) out.push(style.dim(`  - ${note[lang]}`));
  }
  return out.join('\n') + '\n';
}
