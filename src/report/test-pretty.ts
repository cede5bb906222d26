import type { Coverage } from '../cases/coverage.js';
import type { CaseCheck, CaseOutcome, CaseRun, Why } from '../cases/run-cases.js';
import type { ExpectationChange } from '../cases/update-cases.js';
import { factLabel, type FactsDeclaration } from '../facts/facts.js';
import { describeReason, yuan, type Lang, type Style } from './format.js';
import { escapeControl } from '../util/escape.js';

const money = (value: number | null, lang: Lang) => (value === null ? 'no estimate' : yuan(value, lang));

/** Why the engine placed an item where it did, in words. */
export function describeWhy(why: Why, lang: Lang, facts: FactsDeclaration): string {
  if (why.supersededBy) return `replaced by ${why.supersededBy}`;
  if (why.unmet.length > 0) return why.unmet.map((reason) => describeReason(reason, lang, facts)).join('; ');
  const needs = [...why.missing.map((fact) => `${factLabel(facts, fact, lang)} (${fact})`), ...why.missingParams.map((param) => `local parameter ${param}`)];
  if (needs.length > 0) return `needs ${needs.join(', ')}`;
  if (why.held.length > 0) return why.held.map((reason) => describeReason(reason, lang, facts)).join('; ');
  return 'no condition decided it';
}

/** One unmet expectation: "m14-x: expected eligible, got ineligible — Software sector is no, must be yes". */
export function describeFailedCheck(check: CaseCheck, lang: Lang, facts: FactsDeclaration): string {
  switch (check.kind) {
    case 'status':
      return `${check.id}: expected ${check.expected}, got ${check.actual} — ${describeWhy(check.why, lang, facts)}`;
    case 'estimate': {
      const status = check.status === 'eligible' ? '' : ` (the item is ${check.status}: ${describeWhy(check.why, lang, facts)})`;
      return `${check.id}: expected estimate ${money(check.expected, lang)}, got ${money(check.actual, lang)}${status}`;
    }
    case 'total':
      return `total: expected ${yuan(check.expected, lang)}, got ${yuan(check.actual, lang)}`;
  }
}

const plural = (count: number, noun: string) => `${count} ${noun}${count === 1 ? '' : 's'}`;
const where = (outcome: CaseOutcome) => `${outcome.file}${outcome.line === null ? '' : `:${outcome.line}`}`;

/** The run, case by case and file by file, failures with expected against actual; then the count. */
export function renderTestRun(run: CaseRun, lang: Lang, style: Style, facts: FactsDeclaration): string {
  const out: string[] = [];
  let file: string | null = null;
  for (const outcome of run.cases) {
    if (outcome.file !== file) {
      if (file !== null) out.push('');
      out.push(style.bold(escapeControl(outcome.file)));
      file = outcome.file;
    }
    if (outcome.passed) {
      out.push(`  ${style.green('✓')} ${escapeControl(outcome.name)}`);
      continue;
    }
    out.push(`  ${style.red('✗')} ${escapeControl(outcome.name)} ${style.dim(escapeControl(`(${where(outcome)}, as of ${outcome.asOf})`))}`);
    for (const check of outcome.checks) if (!check.passed) out.push(`      ${describeFailedCheck(check, lang, facts)}`);
  }
  const files = new Set(run.cases.map((outcome) => outcome.file)).size;
  const summary = `${plural(run.cases.length, 'case')} in ${plural(files, 'file')}: ${run.passed} passed, ${run.failed} failed`;
  out.push('', run.failed > 0 ? style.red(style.bold(summary)) : style.green(style.bold(summary)));
  return `${out.join('\n')}\n`;
}

/** Items and branches the cases leave unexercised; counts first, then the lists. */
export function renderCoverage(coverage: Coverage, style: Style): string {
  const out = [
    '',
    style.bold('Coverage'),
    `  items made eligible by some case: ${coverage.items - coverage.neverEligible.length} of ${coverage.items}`,
    `  items ruled out by some case:     ${coverage.items - coverage.neverRuledOut.length} of ${coverage.items}`,
    `  branches seen both ways:          ${coverage.branches - coverage.uncoveredBranches.length} of ${coverage.branches}`,
  ];
  const list = (title: string, ids: string[]) => {
    if (ids.length === 0) return;
    out.push('', style.yellow(`${title} (${ids.length}):`), ...ids.map((id) => `  ${id}`));
  };
  list('No case makes these items eligible', coverage.neverEligible);
  list('No case rules these items out', coverage.neverRuledOut);
  if (coverage.uncoveredBranches.length > 0) {
    out.push('', style.yellow(`Branches not seen both holding and failing (${coverage.uncoveredBranches.length}):`));
    for (const branch of coverage.uncoveredBranches) {
      const seen = branch.held ? 'never fails' : branch.failed ? 'never holds' : 'never decided';
      out.push(`  ${branch.item} ${branch.path}: ${branch.condition} ${style.dim(`(${seen})`)}`);
    }
  }
  return `${out.join('\n')}\n`;
}

/** What --update is about to write, one line per expectation, grouped by case. */
export function renderExpectationChanges(changes: readonly ExpectationChange[], lang: Lang, style: Style): string {
  if (changes.length === 0) return 'Every expectation already holds; nothing to update.\n';
  const out: string[] = [];
  let current = '';
  for (const change of changes) {
    const heading = escapeControl(`${change.file}: ${change.name}`);
    if (heading !== current) out.push(style.bold(heading));
    current = heading;
    if (change.kind === 'status') out.push(`  ${change.id}: ${change.from} → ${change.to}`);
    else if (change.kind === 'estimate') out.push(`  ${change.id} estimate: ${money(change.from, lang)} → ${money(change.to, lang)}`);
    else out.push(`  total: ${yuan(change.from, lang)} → ${yuan(change.to, lang)}`);
  }
  return `${out.join('\n')}\n`;
}
