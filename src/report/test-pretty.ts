import { aside, colon, joinList, parenthesised, t } from '../util/messages/index.js';
import type { Coverage } from '../cases/coverage.js';
import type { CaseCheck, CaseOutcome, CaseRun, Why } from '../cases/run-cases.js';
import type { ExpectationChange } from '../cases/update-cases.js';
import { factLabel, type FactsDeclaration } from '../facts/facts.js';
import { describeReason, yuan, type Lang, type Style } from './format.js';
import { escapeControl } from '../util/escape.js';

const money = (value: number | null, lang: Lang) => (value === null ? t('test.noEstimate', lang) : yuan(value, lang));
const statusWord = (status: string, lang: Lang) => (status === 'eligible' || status === 'undetermined' || status === 'ineligible' ? (lang === 'zh' ? t(status, lang) : status) : status);

/** Why the engine placed an item where it did, in words. */
export function describeWhy(why: Why, lang: Lang, facts: FactsDeclaration): string {
  if (why.supersededBy) return t('test.replacedBy', lang, { id: why.supersededBy });
  if (why.unmet.length > 0) return why.unmet.map((reason) => describeReason(reason, lang, facts)).join('; ');
  const needs = [...why.missing.map((fact) => `${factLabel(facts, fact, lang)} (${fact})`), ...why.missingParams.map((param) => t('test.localParam', lang, { param }))];
  if (needs.length > 0) return t('test.needs', lang, { needs: joinList(needs, lang) });
  if (why.held.length > 0) return why.held.map((reason) => describeReason(reason, lang, facts)).join('; ');
  return t('test.noCondition', lang);
}

/** One unmet expectation: "m14-x: expected eligible, got ineligible — Software sector is no, must be yes". */
export function describeFailedCheck(check: CaseCheck, lang: Lang, facts: FactsDeclaration): string {
  switch (check.kind) {
    case 'status':
      return t('test.statusFailed', lang, { id: check.id, expected: statusWord(check.expected, lang), actual: statusWord(check.actual, lang), why: describeWhy(check.why, lang, facts) });
    case 'estimate': {
      const status = check.status === 'eligible' ? '' : t('test.itemIs', lang, { status: statusWord(check.status, lang), why: describeWhy(check.why, lang, facts) });
      return t('test.estimateFailed', lang, { id: check.id, expected: money(check.expected, lang), actual: money(check.actual, lang), status });
    }
    case 'total':
      return t('test.totalFailed', lang, { expected: yuan(check.expected, lang), actual: yuan(check.actual, lang) });
  }
}

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
    out.push(`  ${style.red('✗')} ${escapeControl(outcome.name)} ${style.dim(escapeControl(t('test.where', lang, { where: where(outcome), asOf: outcome.asOf })))}`);
    for (const check of outcome.checks) if (!check.passed) out.push(`      ${describeFailedCheck(check, lang, facts)}`);
  }
  const files = new Set(run.cases.map((outcome) => outcome.file)).size;
  const summary = t('test.summary', lang, { cases: run.cases.length, caseWord: run.cases.length === 1 ? 'case' : 'cases', files, fileWord: files === 1 ? 'file' : 'files', passed: run.passed, failed: run.failed });
  out.push('', run.failed > 0 ? style.red(style.bold(summary)) : style.green(style.bold(summary)));
  return `${out.join('\n')}\n`;
}

/** Items and branches the cases leave unexercised; counts first, then the lists. */
export function renderCoverage(coverage: Coverage, style: Style, lang: Lang = 'en'): string {
  const out = [
    '',
    style.bold(t('test.coverage', lang)),
    t('test.coverageEligible', lang, { n: coverage.items - coverage.neverEligible.length, total: coverage.items }),
    t('test.coverageRuledOut', lang, { n: coverage.items - coverage.neverRuledOut.length, total: coverage.items }),
    t('test.coverageBranches', lang, { n: coverage.branches - coverage.uncoveredBranches.length, total: coverage.branches }),
  ];
  const list = (title: string, ids: string[]) => {
    if (ids.length === 0) return;
    out.push('', style.yellow(`${title}${aside(String(ids.length), lang)}${colon(lang).trim()}`), ...ids.map((id) => `  ${id}`));
  };
  list(t('test.neverEligible', lang), coverage.neverEligible);
  list(t('test.neverRuledOut', lang), coverage.neverRuledOut);
  if (coverage.uncoveredBranches.length > 0) {
    out.push('', style.yellow(t('test.uncoveredBranches', lang, { n: coverage.uncoveredBranches.length })));
    for (const branch of coverage.uncoveredBranches) {
      const seen = t(branch.held ? 'test.neverFails' : branch.failed ? 'test.neverHolds' : 'test.neverDecided', lang);
      out.push(`  ${branch.item} ${branch.path}: ${branch.condition} ${style.dim(parenthesised(seen, lang))}`);
    }
  }
  return `${out.join('\n')}\n`;
}

/** What --update is about to write, one line per expectation, grouped by case. */
export function renderExpectationChanges(changes: readonly ExpectationChange[], lang: Lang, style: Style): string {
  if (changes.length === 0) return `${t('test.nothingToUpdate', lang)}\n`;
  const out: string[] = [];
  let current = '';
  for (const change of changes) {
    const heading = escapeControl(`${change.file}: ${change.name}`);
    if (heading !== current) out.push(style.bold(heading));
    current = heading;
    if (change.kind === 'status') out.push(`  ${change.id}: ${change.from} → ${change.to}`);
    else if (change.kind === 'estimate') out.push(t('test.estimateChange', lang, { id: change.id, from: money(change.from, lang), to: money(change.to, lang) }));
    else out.push(t('test.totalChange', lang, { from: yuan(change.from, lang), to: yuan(change.to, lang) }));
  }
  return `${out.join('\n')}\n`;
}
