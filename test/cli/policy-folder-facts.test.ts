import { appendFileSync, cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compilePolicy } from '../../src/engine/evaluate.js';
import { DONT_KNOW, runQuestionnaire, type ChecklistAnswer, type Escape, type Prompter } from '../../src/engine/questionnaire.js';
import { loadPolicies } from '../../src/policy/load.js';
import type { FactValue, Profile } from '../../src/facts/facts.js';
import { ROOT, runCli, tempDir } from './run-cli.js';

/**
 * A policy folder copied elsewhere, with one new yes/no fact in its facts.yaml and one new item whose condition uses
 * it: every command takes both from the folder, with nothing changed under src/.
 */
const NEW_FACT = `  openSourceMaintainer:
    type: boolean
    label: {zh: 开源项目维护者, en: Open-source maintainer}
    help: {zh: 维护开源软件项目, en: Maintains an open-source software project}
    answeredBy: [person, employer]
    group: work
`;

const NEW_ITEM = `  - id: m25-open-source-honour
    title: { zh: 开源贡献表彰, en: Open-source honour }
    description: { zh: 开源贡献表彰, en: Open-source honour }
    recipient: person
    when:
      all:
        - { fact: softwareSector, is: true }
        - { fact: openSourceMaintainer, is: true }
    amount: { kind: fixed, cny: 1000, unit: person }
    basis:
      quote: 积极推荐参评国家和我市评比达标表彰项目
`;

const AS_OF = '2024-06-30';
const ID = 'm25-open-source-honour';

function policyFolder(prefix: string, facts = NEW_FACT, item = NEW_ITEM): string {
  const dir = tempDir(prefix);
  cpSync(join(ROOT, 'policies'), dir, { recursive: true });
  appendFileSync(join(dir, 'facts.yaml'), facts);
  appendFileSync(join(dir, 'measures', '25-commendations.yaml'), item);
  return dir;
}

describe('a policy folder that declares a new fact and an item using it', () => {
  const dir = policyFolder('subsidy-new-fact-');
  const profile = join(dir, 'maintainer.yaml');
  writeFileSync(profile, 'applicantType: person\nsoftwareSector: 是\nopenSourceMaintainer: yes\n');
  const run = (args: string[]) => runCli([...args, '--policies', '.'], { cwd: dir });

  it('passes lint', async () => {
    expect(await run(['lint'])).toEqual({ code: 0, stdout: '.: 25 measures, 61 items, no problems\n', stderr: '' });
  });

  it('check finds the item eligible, and asks for the fact where it is missing', async () => {
    const checked = await run(['check', '--profile', 'maintainer.yaml', '--as-of', AS_OF, '--json']);
    expect(checked.code).toBe(0);
    const report = JSON.parse(checked.stdout);
    expect(report.profile.openSourceMaintainer).toBe(true);
    expect(report.eligible.find((item: { id: string }) => item.id === ID)).toMatchObject({ estimateCNY: 1000 });
    const open = await run(['check', '--profile', 'maintainer.yaml', '--as-of', AS_OF, '--set', 'openSourceMaintainer=', '--json']);
    expect(JSON.parse(open.stdout).undetermined.find((item: { id: string }) => item.id === ID)).toMatchObject({ missing: ['openSourceMaintainer'] });
  });

  it('batch reads the fact from its zh label as a column', async () => {
    writeFileSync(join(dir, 'people.csv'), 'id,申请人类型,软件和信息服务业,开源项目维护者\nA1,个人,是,是\nA2,个人,是,否\nA3,个人,是,也许\n');
    const batch = await run(['batch', 'people.csv', '--format', 'ndjson', '--as-of', AS_OF]);
    expect(batch.code).toBe(1);
    const rows = batch.stdout.trim().split('\n').map((line) => JSON.parse(line));
    expect(rows[0].eligible.map((item: { id: string }) => item.id)).toContain(ID);
    expect(rows[1].eligible.map((item: { id: string }) => item.id)).not.toContain(ID);
    expect(rows[2].errors).toEqual([{ column: '开源项目维护者', value: '也许', message: '"也许" is not allowed; expected true or false (or yes/no, 是/否, 1/0)' }]);
  });

  it('explain shows the new comparison with its label', async () => {
    const explained = await run(['explain', ID, '--profile', 'maintainer.yaml', '--as-of', AS_OF]);
    expect(explained.code).toBe(0);
    expect(explained.stdout).toContain('Status: Eligible');
    expect(explained.stdout).toContain('✓ Open-source maintainer: yes — must be yes');
  });

  it('ask asks the new fact in the checklist, under its group, and finds the item', async () => {
    const set = await loadPolicies(dir);
    const hidden: Profile = { applicantType: 'person', softwareSector: true, openSourceMaintainer: true };
    const asked: { fact: string; label: string; topic: string }[] = [];
    const prompter: Prompter = {
      select: async (question) => (hidden[question.fact] as string | undefined) ?? DONT_KNOW,
      yesNo: async (question) => (hidden[question.fact] as boolean | undefined) ?? DONT_KNOW,
      number: async () => DONT_KNOW,
      checkbox: async (question): Promise<ChecklistAnswer | Escape> => {
        asked.push(...question.options.map(({ fact, label, topic }) => ({ fact, label, topic })));
        return { ticked: question.options.filter((option) => hidden[option.fact] === (option.value as FactValue)), unticked: 'no' };
      },
    };
    const outcome = await runQuestionnaire(compilePolicy(set, {}), AS_OF, { prompter, lang: 'en' });
    expect(asked).toContainEqual({ fact: 'openSourceMaintainer', label: 'Open-source maintainer', topic: 'Work and qualifications' });
    expect(outcome.profile.openSourceMaintainer).toBe(true);
    expect(outcome.result.eligible.map((item) => item.id)).toContain(ID);
  });

  it('facts lists it, in words and in the Markdown table', async () => {
    const words = await run(['facts', '--lang', 'en']);
    expect(words.stdout).toContain('openSourceMaintainer         Open-source maintainer — true or false\n');
    const markdown = await run(['facts', '--markdown']);
    expect(markdown.stdout).toContain('| `openSourceMaintainer` | true or false | 开源项目维护者 | Open-source maintainer | Maintains an open-source software project |\n');
  });

  it('schema profile publishes it; the bundled schema does not know it', async () => {
    const schema = JSON.parse((await run(['schema', 'profile'])).stdout);
    expect(schema.properties.openSourceMaintainer).toEqual({ $ref: '#/$defs/openSourceMaintainer' });
    expect(schema.$defs.openSourceMaintainer).toEqual({
      title: 'Open-source maintainer',
      description: 'Maintains an open-source software project',
      anyOf: [{ anyOf: [{ type: 'boolean' }, { $ref: '#/$defs/yesOrNo' }] }, { type: 'null' }],
    });
    expect(JSON.parse(readFileSync(join(ROOT, 'schemas', 'profile.schema.json'), 'utf8')).properties.openSourceMaintainer).toBeUndefined();
  });
});

describe('a broken facts.yaml', () => {
  it('stops every command with its file and line, exit 2', async () => {
    const dir = policyFolder('subsidy-bad-fact-', NEW_FACT.replace('type: boolean', 'type: boolen'));
    const line = readFileSync(join(dir, 'facts.yaml'), 'utf8').split('\n').indexOf('    type: boolen') + 1;
    for (const args of [['check', '--profile', join(ROOT, 'fixtures', 'profiles', 'master.yaml')], ['facts'], ['schema', 'profile']]) {
      expect(await runCli([...args, '--policies', '.'], { cwd: dir })).toEqual({
        code: 2,
        stdout: '',
        stderr: `subsidy: facts.yaml:${line}: facts.openSourceMaintainer.type: expected type: boolean, enum, number or integer\n`,
      });
    }
  });

  it('lint names a condition on an undeclared fact, with its file and line', async () => {
    const dir = policyFolder('subsidy-undeclared-fact-', NEW_FACT, NEW_ITEM.replace('fact: openSourceMaintainer', 'fact: openSourceMaintainr'));
    const line = readFileSync(join(dir, 'measures', '25-commendations.yaml'), 'utf8').split('\n').findIndex((text) => text.includes('openSourceMaintainr')) + 1;
    const linted = await runCli(['lint', '--policies', '.'], { cwd: dir });
    expect(linted.code).toBe(1);
    expect(linted.stdout).toContain(`measures/25-commendations.yaml:${line}: items.1.when.all.1: fact "openSourceMaintainr" is not declared; did you mean "openSourceMaintainer"?`);
  });
});
