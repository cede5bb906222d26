import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ROOT, runCli } from './run-cli.js';

const FILES = { 'policy-document': 'policy-document', 'policy-measure': 'policy-measure', facts: 'facts', readings: 'readings', profile: 'profile', cases: 'cases' } as const;
const committed = (name: string) => readFileSync(join(ROOT, 'schemas', `${name}.schema.json`), 'utf8');
const yamlIn = (folder: string, only?: string) =>
  readdirSync(join(ROOT, folder))
    .filter((name) => name.endsWith('.yaml') && (only === undefined || name === only))
    .map((name) => ({ name: `${folder}/${name}`, text: readFileSync(join(ROOT, folder, name), 'utf8') }));

describe('subsidy schema', () => {
  it.each(Object.entries(FILES))('prints the %s schema exactly as committed in schemas/ (npm run schemas rewrites them)', async (kind, name) => {
    const run = await runCli(['schema', kind]);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(committed(name));
  });

  it('takes "policy" for a measure file', async () => {
    expect((await runCli(['schema', 'policy'])).stdout).toBe(committed('policy-measure'));
  });

  it('rejects an unknown kind with the allowed ones, exit 2', async () => {
    const run = await runCli(['schema', 'profiles']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('Allowed choices are policy, policy-measure, policy-document, facts, readings, profile, cases');
  });

  it('offers the declared facts in conditions, for completion', () => {
    const schema = JSON.parse(committed('policy-measure'));
    expect(schema.$defs.condition.properties.fact.enum).toContain('socialInsuranceMonths');
  });
});

describe('the shipped YAML files', () => {
  const ajv = new Ajv2020.default({ allErrors: true, strict: false });
  const validator = (name: string) => ajv.compile(JSON.parse(committed(name)));
  const groups = [
    { folder: 'policies/measures', schema: 'policy-measure', reference: '../../schemas/policy-measure.schema.json' },
    { folder: 'policies', only: 'document.yaml', schema: 'policy-document', reference: '../schemas/policy-document.schema.json' },
    { folder: 'policies', only: 'facts.yaml', schema: 'facts', reference: '../schemas/facts.schema.json' },
    { folder: 'policies', only: 'readings.yaml', schema: 'readings', reference: '../schemas/readings.schema.json' },
    { folder: 'fixtures/cases', schema: 'cases', reference: '../../schemas/cases.schema.json' },
    { folder: 'fixtures/profiles', schema: 'profile', reference: '../../schemas/profile.schema.json' },
  ];

  it.each(groups)('in $folder are valid against the $schema schema and point an editor at it', ({ folder, only, schema, reference }) => {
    const validate = validator(schema);
    const files = yamlIn(folder, only);
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      expect({ file: file.name, valid: validate(parse(file.text)), errors: validate.errors ?? null }).toEqual({ file: file.name, valid: true, errors: null });
      expect(file.text.split('\n')[0], file.name).toBe(`# yaml-language-server: $schema=${reference}`);
    }
  });

  it('the profile schema takes a profile as people write it, and refuses a fact given twice or a value it does not know', () => {
    const validate = validator('profile');
    const written = { 学历: '硕士', softwareSector: '是', 社保月数: '６个月', 'Intern retention rate': '60%', 年薪倍数: '1.5倍', 企业规模: ' 小型 ', 残疾人员: 'N', 登记失业: '不知道', contractYears: 2 };
    expect({ valid: validate(written), errors: validate.errors ?? null }).toEqual({ valid: true, errors: null });
    expect(validate({ 学历: '硕士', degree: 'master' })).toBe(false);
    for (const [key, value] of [['学历', '研究生'], ['学历', 'phd'], ['softwareSector', 'maybe'], ['社保月数', '6周'], ['degre', 'master']]) expect(validate({ [key!]: value }), `${key}: ${value}`).toBe(false);
    expect(validator('cases')([{ name: 'x', asOf: '2024-06-30', profile: { 学历: '博士研究生', 软件和信息服务业: '√' }, expect: {} }])).toBe(true);
  });

  it('a schema rejects what the loader rejects: a typo in a case', () => {
    const validate = validator('cases');
    expect(validate([{ name: 'x', asOf: '2024-06-30', profile: {}, expect: { eligable: [] } }])).toBe(false);
    expect(validate([{ name: 'x', asOf: '2024-06-30', profile: { degre: 'master' }, expect: {} }])).toBe(false);
    expect(validate([{ name: 'x', asOf: '2024-06-30', profile: { degree: 'master' }, expect: { eligible: ['m14-graduate-hiring-subsidy'] } }])).toBe(true);
  });
});
