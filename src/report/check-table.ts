import { factLabel, type FactsDeclaration } from '../facts/facts.js';
import { outsideTotal, type CheckResult, type ItemResult } from '../engine/evaluate.js';
import type { NearMiss, Scenario } from '../engine/what-if.js';
import { describeChange, describeNearMiss } from './explain-what-if.js';
import { colon, joinClauses, joinList, joinPhrases, parenthesised } from '../util/messages/index.js';
import { describeAmount, describeReason, policyTitle, yuan, type Lang, type Style } from './format.js';
import { recipientLabel, t } from './messages.js';
import { displayWidth, idLine, pad, wrapText } from './text-layout.js';

export interface CheckReportOptions {
  lang: Lang;
  /** The facts of the policy set the report is of, for their labels. */
  facts: FactsDeclaration;
  style: Style;
  /** Show the ineligible items and why. */
  all: boolean;
  /** Show every near miss, not only the top few. */
  whatIf?: boolean;
  /** Display columns to fit in (the terminal's width, or COLUMNS); 80 when unknown. */
  width?: number;
}

/** A check with what `check` adds to the engine's result: near misses and, with --set, the scenario. */
export type CheckReport = CheckResult & { nearMisses?: NearMiss[]; scenario?: Scenario };

/** Near misses shown without --what-if. */
export const TOP_NEAR_MISSES = 3;

export const DEFAULT_WIDTH = 80;

/** Narrowest item and amount columns of the table; narrower than that, each item is a short list of its own. */
const MIN_ITEM_COLUMN = 20;
const MIN_AMOUNT_COLUMN = 14;
const GAP = '  ';
const INDENT = 2;

interface Layout {
  lang: Lang;
  facts: FactsDeclaration;
  style: Style;
  width: number;
}

function signedYuan(value: number, lang: Lang): string {
  return value > 0 ? `+${yuan(value, lang)}` : value < 0 ? `-${yuan(-value, lang)}` : yuan(0, lang);
}

/** Wrapped text, each line in one style. */
function para(text: string, { width }: Layout, indent: number, hang = indent, paint: (line: string) => string = (line) => line): string[] {
  return wrapText(text, width, { indent, hang }).map(paint);
}

/** "14. " before an item's title: the title's following lines and the item's id line up after it. */
const numbered = (item: Pick<ItemResult, 'measure'>) => `${item.measure}. `;

/** Why an eligible item is not in the total, in words; null when it is. */
export function outsideTotalNote(item: ItemResult, applicantType: unknown, lang: Lang): string | null {
  const why = outsideTotal(item, applicantType);
  if (why === null) return null;
  const what = why === 'loan' ? t('loanNotGrant', lang) : t('paidToOther', lang, { recipient: recipientLabel(item.recipient, lang) });
  const estimate = item.estimateCNY === null ? '' : t('check.outsideTotalEstimate', lang, { estimate: yuan(item.estimateCNY, lang) });
  return t('check.outsideTotalNote', lang, { why: what, estimate });
}

/** "Not in the total: paid to the district: 1; loans: 2" under the total, when some eligible item is left out. */
export function outsideTotalSummary(report: CheckResult, lang: Lang): string | null {
  const counts = new Map<string, number>();
  for (const item of report.eligible) {
    const why = outsideTotal(item, report.profile.applicantType);
    if (why === null) continue;
    const key = why === 'loan' ? 'loan' : item.recipient;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  if (counts.size === 0) return null;
  const parts = [...counts].map(([key, n]) => (key === 'loan' ? t('notInTotalLoans', lang, { n }) : t('notInTotalPaidTo', lang, { n, recipient: recipientLabel(key, lang) })));
  return t('check.outsideTotalSummary', lang, { parts: joinClauses(parts, lang) });
}

function estimateCell(item: ItemResult, applicantType: unknown, lang: Lang): string {
  if (outsideTotal(item, applicantType) !== null) return t('excluded', lang);
  return item.estimateCNY === null ? '—' : yuan(item.estimateCNY, lang);
}

/** Below the row: the id on a line of its own, and why the item is not in the total. */
function itemFooter(item: ItemResult, applicantType: unknown, layout: Layout, indent: number): string[] {
  const out = [layout.style.dim(idLine(item.id, layout.width, indent))];
  const note = outsideTotalNote(item, applicantType, layout.lang);
  if (note) out.push(...para(note, layout, indent, indent, layout.style.yellow));
  return out;
}

function titleText(item: ItemResult, lang: Lang): string {
  return `${numbered(item)}${item.title[lang]}`;
}

/** The eligible items as a table of item, recipient, amount and estimate; null when the width cannot hold one. */
function eligibleTable(report: CheckReport, layout: Layout): string[] | null {
  const { lang, style, width } = layout;
  const applicantType = report.profile.applicantType;
  const head = [t('item', lang), t('recipient', lang), t('amount', lang), t('estimate', lang)];
  const rows = report.eligible.map((item) => ({
    item,
    recipient: recipientLabel(item.recipient, lang),
    amount: describeAmount(item.amount, lang, layout.facts),
    estimate: estimateCell(item, applicantType, lang),
  }));
  const widest = (texts: string[]) => Math.max(...texts.map(displayWidth));
  const recipientWidth = widest([head[1]!, ...rows.map((row) => row.recipient)]);
  const estimateWidth = widest([head[3]!, ...rows.map((row) => row.estimate)]);
  const free = width - INDENT - 3 * GAP.length - recipientWidth - estimateWidth;
  const itemNatural = widest([head[0]!, ...rows.map((row) => titleText(row.item, lang))]);
  const amountNatural = widest([head[2]!, ...rows.map((row) => row.amount)]);
  let amountWidth = Math.min(amountNatural, Math.floor(free / 2));
  const itemWidth = Math.min(itemNatural, free - amountWidth);
  amountWidth = Math.min(amountNatural, free - itemWidth);
  if (itemWidth < MIN_ITEM_COLUMN || amountWidth < MIN_AMOUNT_COLUMN) return null;

  const widths = [itemWidth, recipientWidth, amountWidth, estimateWidth];
  const line = (cells: string[], paint: (text: string) => string = (text) => text) =>
    paint(' '.repeat(INDENT) + cells.map((cell, i) => pad(cell, widths[i]!, i === 3 ? 'right' : 'left')).join(GAP)).trimEnd();
  const out = [line(head, style.bold), line(widths.map((w) => '-'.repeat(w)), style.dim)];
  for (const row of rows) {
    const hang = displayWidth(numbered(row.item));
    const local = row.item.dependsOnLocalRules ? wrapText(parenthesised(t('localRules', lang), lang), itemWidth, { indent: hang }).map(style.yellow) : [];
    const cells = [
      [...wrapText(titleText(row.item, lang), itemWidth, { hang }), ...local],
      wrapText(row.recipient, recipientWidth),
      wrapText(row.amount, amountWidth),
      wrapText(row.estimate, estimateWidth).map((text) => pad(text, estimateWidth, 'right')),
    ];
    const height = Math.max(...cells.map((cell) => cell.length));
    for (let i = 0; i < height; i++) out.push(line(cells.map((cell) => cell[i] ?? '')));
    out.push(...itemFooter(row.item, applicantType, layout, INDENT + hang));
  }
  return out;
}

/** Narrow terminals: each eligible item as its title, id, recipient, amount and estimate, one under the other. */
function eligibleList(report: CheckReport, layout: Layout): string[] {
  const { lang, style } = layout;
  const applicantType = report.profile.applicantType;
  const out: string[] = [];
  for (const item of report.eligible) {
    const hang = INDENT + displayWidth(numbered(item));
    out.push(...para(titleText(item, lang), layout, INDENT, hang, style.bold));
    if (item.dependsOnLocalRules) out.push(...para(parenthesised(t('localRules', lang), lang), layout, hang, hang, style.yellow));
    out.push(style.dim(idLine(item.id, layout.width, hang)));
    out.push(...para(`${t('recipient', lang)}${colon(lang)}${recipientLabel(item.recipient, lang)}`, layout, hang));
    out.push(...para(`${t('amount', lang)}${colon(lang)}${describeAmount(item.amount, lang, layout.facts)}`, layout, hang));
    out.push(...para(`${t('estimate', lang)}${colon(lang)}${estimateCell(item, applicantType, lang)}`, layout, hang));
    const note = outsideTotalNote(item, applicantType, lang);
    if (note) out.push(...para(note, layout, hang, hang, style.yellow));
  }
  return out;
}

function renderScenario(report: CheckReport, scenario: Scenario, layout: Layout): string[] {
  const { lang, style } = layout;
  const items = new Map([...report.eligible, ...report.undetermined, ...report.ineligible].map((item) => [item.id, item]));
  const sep = colon(lang);
  const changes = Object.entries(scenario.set).map(([fact, to]) =>
    to === null
      ? t('check.unset', lang, { fact: factLabel(layout.facts, fact, lang) })
      : describeChange({ fact, from: scenario.was[fact] ?? null, to }, lang, layout.facts),
  );
  const out = ['', ...para(`${t('scenario', lang)}${sep}${joinPhrases(changes, lang)}`, layout, 0, 2, style.bold)];
  const list = (ids: string[]) =>
    ids.length === 0
      ? [`    ${t('none', lang)}`]
      : ids.flatMap((id) => {
          const item = items.get(id);
          const estimate = item?.estimateCNY != null ? ` ${yuan(item.estimateCNY, lang)}` : '';
          return [...(item ? para(`${item.title[lang]}${estimate}`, layout, 4, 6) : []), style.dim(idLine(id, layout.width, 6))];
        });
  out.push(style.green(`  ${t('gained', lang)}${sep.trim()}`), ...list(scenario.gained));
  out.push(style.red(`  ${t('lost', lang)}${sep.trim()}`), ...list(scenario.lost));
  out.push(...para(`${t('totalChange', lang)}${sep}${signedYuan(scenario.totalChangeCNY, lang)}`, layout, 2, 4, style.bold));
  return out;
}

function renderNearMisses(misses: NearMiss[], layout: Layout, all: boolean): string[] {
  const { lang, style } = layout;
  if (misses.length === 0) return all ? ['', style.bold(t('whatIf', lang)), `  ${t('none', lang)}`] : [];
  const shown = all ? misses : misses.slice(0, TOP_NEAR_MISSES);
  const more = shown.length < misses.length ? ` ${t('whatIfTop', lang, { n: shown.length, total: misses.length })}` : '';
  const out = ['', ...para(`${t('whatIf', lang)}${more}`, layout, 0, 2, (line) => style.cyan(style.bold(line)))];
  for (const miss of shown) {
    out.push(...para(describeNearMiss(miss, lang, layout.facts), layout, 2, 4));
    out.push(...para(miss.title[lang], layout, 5, 5, style.dim), style.dim(idLine(miss.id, layout.width, 5)));
    if (miss.replaces?.length) out.push(...para(`${t('replaces', lang)} ${miss.replaces.join(', ')}`, layout, 5, 5, style.dim));
  }
  return out;
}

/** The human report of one check, fitted to `width` columns: eligible items, the total, the open items, the legal basis. */
export function renderCheckTable(result: CheckReport, { lang, facts, style, all, whatIf = false, width = DEFAULT_WIDTH }: CheckReportOptions): string {
  const layout: Layout = { lang, facts, style, width };
  const out: string[] = [];
  out.push(...para(`${result.policy.document} ${policyTitle(result.policy, lang)} — ${t('asOf', lang)} ${result.asOf}`, layout, 0, 0, style.bold));

  out.push('', style.green(style.bold(`${t('eligible', lang)} (${result.eligible.length})`)));
  if (result.eligible.length === 0) out.push(...para(t('noneEligible', lang), layout, 0));
  else out.push(...(eligibleTable(result, layout) ?? eligibleList(result, layout)));
  out.push(...para(`${t('total', lang)}${colon(lang)}${yuan(result.totalEstimateCNY, lang)}`, layout, 0, 2, style.bold));
  const outside = outsideTotalSummary(result, lang);
  if (outside) out.push(...para(outside, layout, 2, 4, style.yellow));
  if (result.scenario) out.push(...renderScenario(result, result.scenario, layout));

  if (result.undetermined.length > 0) {
    out.push('', style.yellow(style.bold(`${t('undetermined', lang)} (${result.undetermined.length})`)));
    for (const item of result.undetermined) {
      const hang = INDENT + displayWidth(numbered(item));
      const needs = [
        ...item.missing.map((fact) => `${factLabel(layout.facts, fact, lang)} (${fact})`),
        ...item.missingParams.map((param) => `${t('needsParam', lang)} ${param}`),
      ];
      out.push(...para(`${titleText(item, lang)} — ${describeAmount(item.amount, lang, layout.facts)}`, layout, INDENT, hang));
      out.push(style.dim(idLine(item.id, width, hang)));
      out.push(...para(`${t('needs', lang)}${colon(lang)}${joinList(needs, lang)}`, layout, hang, hang + 2, style.dim));
    }
  }

  if (all && result.ineligible.length > 0) {
    out.push('', style.red(style.bold(`${t('ineligible', lang)} (${result.ineligible.length})`)));
    for (const item of result.ineligible) {
      const hang = INDENT + displayWidth(numbered(item));
      const why = item.supersededBy ? `${t('supersededBy', lang)}${colon(lang)}${item.supersededBy}` : joinClauses(item.unmet.map((r) => describeReason(r, lang, layout.facts)), lang);
      out.push(...para(titleText(item, lang), layout, INDENT, hang));
      out.push(style.dim(idLine(item.id, width, hang)));
      out.push(...para(`${t('why', lang)}${colon(lang)}${why}`, layout, hang, hang + 2, style.dim));
    }
  } else if (result.ineligible.length > 0) {
    out.push('', ...para(`${result.ineligible.length} ${t('hiddenIneligible', lang)}`, layout, 0, 2, style.dim));
  }

  if (result.nearMisses) out.push(...renderNearMisses(result.nearMisses, layout, whatIf));

  if (result.eligible.length > 0) {
    out.push('', style.bold(t('basis', lang)));
    for (const item of result.eligible) {
      const where = `${t('documentMeasure', lang, { document: item.basis.document, n: item.measure })} — ${item.basis.units.join('、')}`;
      out.push(style.cyan(idLine(item.id, width, INDENT)));
      out.push(...para(where, layout, 5));
      out.push(...para(`“${item.basis.quote}”`, layout, 5, 5, style.dim));
    }
  }
  return out.join('\n') + '\n';
}
