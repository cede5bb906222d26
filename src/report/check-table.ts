import Table from 'cli-table3';
import { factLabel } from '../facts/facts.js';
import type { CheckResult, ItemResult } from '../engine/evaluate.js';
import type { NearMiss, Scenario } from '../engine/what-if.js';
import { describeChange, describeNearMiss, describeNearMissItem } from './explain-what-if.js';
import { describeAmount, describeReason, wrapWide, yuan, type Lang, type Style } from './format.js';
import { recipientLabel, t } from './messages.js';

export interface CheckReportOptions {
  lang: Lang;
  style: Style;
  /** Show the ineligible items and why. */
  all: boolean;
  /** Show every near miss, not only the top few. */
  whatIf?: boolean;
  /** Columns available for the table (the terminal's width); 100 when unknown. */
  width?: number;
}

/** A check with what `check` adds to the engine's result: near misses and, with --set, the scenario. */
export type CheckReport = CheckResult & { nearMisses?: NearMiss[]; scenario?: Scenario };

/** Near misses shown without --what-if. */
export const TOP_NEAR_MISSES = 3;

function signedYuan(value: number, lang: Lang): string {
  return value > 0 ? `+${yuan(value, lang)}` : value < 0 ? `-${yuan(-value, lang)}` : yuan(0, lang);
}

function renderScenario(report: CheckReport, scenario: Scenario, lang: Lang, style: Style): string[] {
  const items = new Map([...report.eligible, ...report.undetermined, ...report.ineligible].map((item) => [item.id, item]));
  const sep = lang === 'zh' ? '：' : ': ';
  const changes = Object.entries(scenario.set).map(([fact, to]) =>
    to === null
      ? lang === 'zh' ? `清除${factLabel(fact, lang)}` : `unset ${factLabel(fact, lang)}`
      : describeChange({ fact, from: scenario.was[fact] ?? null, to }, lang),
  );
  const out = ['', style.bold(`${t('scenario', lang)}${sep}${changes.join(lang === 'zh' ? '，' : ', ')}`)];
  const list = (ids: string[]) =>
    ids.length === 0
      ? [`    ${t('none', lang)}`]
      : ids.map((id) => {
          const item = items.get(id);
          const estimate = item?.estimateCNY != null ? ` ${yuan(item.estimateCNY, lang)}` : '';
          return `    ${item ? item.title[lang] : id} ${style.dim(`(${id})`)}${estimate}`;
        });
  out.push(style.green(`  ${t('gained', lang)}${sep.trim()}`), ...list(scenario.gained));
  out.push(style.red(`  ${t('lost', lang)}${sep.trim()}`), ...list(scenario.lost));
  out.push(style.bold(`  ${t('totalChange', lang)}${sep}${signedYuan(scenario.totalChangeCNY, lang)}`));
  return out;
}

function renderNearMisses(misses: NearMiss[], lang: Lang, style: Style, all: boolean): string[] {
  if (misses.length === 0) return all ? ['', style.bold(t('whatIf', lang)), `  ${t('none', lang)}`] : [];
  const shown = all ? misses : misses.slice(0, TOP_NEAR_MISSES);
  const more = shown.length < misses.length ? ` ${style.dim(t('whatIfTop', lang).replace('{n}', String(shown.length)).replace('{total}', String(misses.length)))}` : '';
  const out = ['', style.cyan(style.bold(t('whatIf', lang))) + more];
  for (const miss of shown) out.push(`  ${describeNearMiss(miss, lang)}`, style.dim(`     ${describeNearMissItem(miss, lang)}`));
  return out;
}

/** Measure, item, recipient, amount, estimate: the item column takes what the others leave, 24 to 46 columns. */
function columnWidths(width = 100): number[] {
  const [measure, recipient, amount, estimate] = [9, 12, 26, 12];
  const item = Math.max(24, Math.min(46, width - (measure + recipient + amount + estimate) - 6));
  return [measure, item, recipient, amount, estimate];
}

function table(head: string[], style: Style, widths: number[]): Table.Table {
  return new Table({ head: head.map((h) => style.bold(h)), style: { head: [], border: [] }, wordWrap: true, colWidths: widths });
}

/** The table wraps at spaces; Chinese titles have none, so they are wrapped here by display width. */
function itemTitle(item: ItemResult, lang: Lang, style: Style, columns: number): string {
  const local = item.dependsOnLocalRules ? `\n${style.yellow(`(${t('localRules', lang)})`)}` : '';
  const title = lang === 'zh' ? wrapWide(item.title.zh, columns) : item.title.en;
  return `${title}\n${style.dim(wrapWide(item.id, columns))}${local}`;
}

function estimateCell(item: ItemResult, lang: Lang): string {
  return item.estimateCNY === null ? '—' : yuan(item.estimateCNY, lang);
}

/** The human report of one check: eligible items, what would decide the open ones, the total, the legal basis. */
export function renderCheckTable(result: CheckReport, { lang, style, all, whatIf = false, width }: CheckReportOptions): string {
  const out: string[] = [];
  const head = [t('measure', lang), t('item', lang), t('recipient', lang), t('amount', lang), t('estimate', lang)];
  out.push(style.bold(`${result.policy.document} ${lang === 'zh' ? result.policy.title : result.policy.titleEn} — ${t('asOf', lang)} ${result.asOf}`));

  out.push('', style.green(style.bold(`${t('eligible', lang)} (${result.eligible.length})`)));
  if (result.eligible.length === 0) out.push(t('noneEligible', lang));
  else {
    const widths = columnWidths(width);
    const eligible = table(head, style, widths);
    for (const item of result.eligible) {
      eligible.push([String(item.measure), itemTitle(item, lang, style, widths[1]! - 2), recipientLabel(item.recipient, lang), describeAmount(item.amount, lang), estimateCell(item, lang)]);
    }
    out.push(eligible.toString());
  }
  out.push(style.bold(`${t('total', lang)}: ${yuan(result.totalEstimateCNY, lang)}`));
  if (result.scenario) out.push(...renderScenario(result, result.scenario, lang, style));

  if (result.undetermined.length > 0) {
    out.push('', style.yellow(style.bold(`${t('undetermined', lang)} (${result.undetermined.length})`)));
    for (const item of result.undetermined) {
      const needs = [
        ...item.missing.map((fact) => `${factLabel(fact, lang)} (${fact})`),
        ...item.missingParams.map((param) => `${t('needsParam', lang)} ${param}`),
      ];
      out.push(`  ${item.measure}. ${item.title[lang]} — ${describeAmount(item.amount, lang)}`);
      out.push(style.dim(`     ${t('needs', lang)}: ${needs.join(', ')}`));
    }
  }

  if (all && result.ineligible.length > 0) {
    out.push('', style.red(style.bold(`${t('ineligible', lang)} (${result.ineligible.length})`)));
    for (const item of result.ineligible) {
      const why = item.supersededBy ? `${t('supersededBy', lang)}: ${item.supersededBy}` : item.unmet.map((r) => describeReason(r, lang)).join('; ');
      out.push(`  ${item.measure}. ${item.title[lang]} ${style.dim(`(${item.id})`)}`);
      out.push(style.dim(`     ${t('why', lang)}: ${why}`));
    }
  } else if (result.ineligible.length > 0) {
    out.push('', style.dim(`${result.ineligible.length} ${t('hiddenIneligible', lang)}`));
  }

  if (result.nearMisses) out.push(...renderNearMisses(result.nearMisses, lang, style, whatIf));

  if (result.eligible.length > 0) {
    out.push('', style.bold(t('basis', lang)));
    for (const item of result.eligible) {
      const where = lang === 'zh' ? `${item.basis.document} 第${item.measure}条` : `${item.basis.document}, measure ${item.measure}`;
      out.push(`  ${style.cyan(item.id)}: ${where} — ${item.basis.units.join('、')}`);
      out.push(style.dim(`     “${item.basis.quote}”`));
    }
  }
  return out.join('\n') + '\n';
}
