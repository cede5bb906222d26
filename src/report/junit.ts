import type { CaseRun } from '../cases/run-cases.js';
import { describeFailedCheck } from './test-pretty.js';
import type { FactsDeclaration } from '../facts/facts.js';
import type { Lang } from './format.js';
import { escapeMarkup as xml } from '../util/escape.js';

/**
 * The run as JUnit XML: one testsuite per case file, one testcase per case, a failure holding expected against
 * actual. No timestamps or durations, so the same run gives the same bytes.
 */
export function renderJunit(run: CaseRun, lang: Lang, facts: FactsDeclaration): string {
  const files = [...new Set(run.cases.map((outcome) => outcome.file))];
  const out = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="subsidy test" tests="${run.cases.length}" failures="${run.failed}" errors="0">`,
  ];
  for (const file of files) {
    const cases = run.cases.filter((outcome) => outcome.file === file);
    const failures = cases.filter((outcome) => !outcome.passed).length;
    out.push(`  <testsuite name="${xml(file)}" tests="${cases.length}" failures="${failures}" errors="0" skipped="0">`);
    for (const outcome of cases) {
      const line = outcome.line === null ? '' : ` line="${outcome.line}"`;
      const open = `    <testcase classname="${xml(file)}" name="${xml(outcome.name)}" file="${xml(file)}"${line}`;
      if (outcome.passed) {
        out.push(`${open}/>`);
        continue;
      }
      const failed = outcome.checks.filter((check) => !check.passed);
      const message = `${failed.length} expectation${failed.length === 1 ? '' : 's'} not met`;
      out.push(`${open}>`);
      out.push(`      <failure type="expectation" message="${xml(message)}">${xml(failed.map((check) => describeFailedCheck(check, lang, facts)).join('\n'))}</failure>`);
      out.push('    </testcase>');
    }
    out.push('  </testsuite>');
  }
  out.push('</testsuites>');
  return `${out.join('\n')}\n`;
}
