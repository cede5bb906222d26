import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { testTempDir } from '../support/temp-dir.js';
import { ROOT, runCli } from './run-cli.js';

describe('subsidy lint --json', () => {
  it('prints {ok, measures, items, problems} for the bundled policies', async () => {
    const run = await runCli(['lint', '--json', '--policies', 'policies']);
    expect(run.code).toBe(0);
    const data = JSON.parse(run.stdout);
    expect(Object.keys(data)).toEqual(['ok', 'measures', 'items', 'problems']);
    expect([data.ok, data.measures, data.problems]).toEqual([true, 25, []]);
  });

  it('locates an item whose conditions can never hold, the same bytes on every run, exit 1', async () => {
    const policies = join(testTempDir('subsidy-lint-'), 'policies');
    cpSync(join(ROOT, 'policies'), policies, { recursive: true });
    const file = join(policies, 'measures/14-hiring-subsidies.yaml');
    const text = readFileSync(file, 'utf8');
    // The graduate subsidy needs 6 months; also asking for fewer than 3 leaves no applicant who can get it.
    const broken = text.replace('        - { fact: graduateOfCurrentYear, is: true }\n', '        - { fact: graduateOfCurrentYear, is: true }\n        - { fact: socialInsuranceMonths, lt: 3 }\n');
    expect(broken).not.toBe(text);
    writeFileSync(file, broken);
    const [first, second] = await Promise.all([runCli(['lint', '--json', '--policies', policies]), runCli(['lint', '--json', '--policies', policies])]);
    expect(first.code).toBe(1);
    expect(first.stdout).toBe(second.stdout);
    // The problem stands on the first line of the item's `when` mapping: the line after "when:".
    const lines = broken.split('\n');
    const whenIndex = lines.findIndex((line, i) => i > lines.findIndex((l) => l.includes('id: m14-graduate-hiring-subsidy')) && line.trim() === 'when:');
    const data = JSON.parse(first.stdout);
    expect(data).toEqual({
      ok: false,
      measures: null,
      items: null,
      problems: [
        {
          file: relative(ROOT, file),
          line: whenIndex + 2,
          path: 'items.1.when',
          // Under either reading of 以上 (m14-yishang): at least 6, or more than 6.
          message: 'the conditions can never hold: none of its 2 ways through can hold; e.g. socialInsuranceMonths < 3 and socialInsuranceMonths >= 6 cannot all hold',
        },
      ],
    });
  });
});
