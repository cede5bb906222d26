import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkPolicyFiles, readPolicyFiles, type PolicyFiles } from '../../src/policy/load.js';
import { formatProblem } from '../../src/util/problems.js';
import { DOCUMENT_YAML } from './small-policy.js';


const measureText = (item: string) => `measure: 1
section: { zh: 一, en: I }
title: { zh: 措施, en: Measure }
units: { lead: [处], responsible: [] }
items:
${item}`;

const goodItem = `  - id: m01-grant
    title: { zh: 补贴, en: Grant }
    description: { zh: 补贴, en: Grant }
    recipient: person
    when: { fact: degree, in: [master, doctorate] }
    amount: { kind: fixed, cny: 2000, unit: person }
    basis: { quote: 给予2000元 }
`;

function files(item: string, source = '对硕士给予 2000元/人'): PolicyFiles {
  return { document: { file: 'document.yaml', text: DOCUMENT_YAML }, measures: [{ file: 'm.yaml', text: measureText(item) }], sourceText: source };
}

const problemsOf = (input: PolicyFiles) => checkPolicyFiles(input).problems.map(formatProblem);

describe('policy checks', () => {
  it('accepts a well-formed policy and compares quotes without whitespace', () => {
    expect(problemsOf(files(goodItem))).toEqual([]);
  });

  it('names file, line and path of a schema error', () => {
    expect(problemsOf(files(goodItem.replace('kind: fixed', 'kind: lump')))).toEqual([
      expect.stringMatching(/^m\.yaml:11: items\.0\.amount\.kind: Invalid option/),
    ]);
  });

  it('rejects an unknown key with its line', () => {
    expect(problemsOf(files(goodItem.replace('recipient: person', 'recipient: person\n    reciepient: person')))).toEqual([
      'm.yaml:10: items.0.reciepient: unknown key',
    ]);
  });

  it('rejects undeclared facts, impossible values and quotes not in the source', () => {
    const broken = goodItem
      .replace('{ fact: degree, in: [master, doctorate] }', '{ all: [{ fact: degre, in: [master] }, { fact: title, in: [professor] }, { fact: internRetentionRate, gte: 1.5 }] }')
      .replace('给予2000元', '给予3000元');
    expect(problemsOf(files(broken))).toEqual([
      'm.yaml:10: items.0.when.all.0: fact "degre" is not declared; did you mean "degree"?',
      'm.yaml:10: items.0.when.all.1: "title" can never be "professor"; it takes none, junior, intermediate, senior',
      'm.yaml:10: items.0.when.all.2: "internRetentionRate" ranges over 0…1; this comparison can never hold',
      'm.yaml:12: items.0.basis.quote: the quote does not appear verbatim in the source text',
    ]);
  });

  it('requires exactly one comparison per fact node', () => {
    expect(problemsOf(files(goodItem.replace('in: [master, doctorate]', 'in: [master], gte: 1')))[0]).toMatch(
      /items\.0\.when: a comparison on "degree" needs exactly one of/,
    );
  });

  it('reports missing measures and duplicate ids', () => {
    const two = { ...files(goodItem + goodItem.replace('- id: m01-grant', '- id: m01-grant')) };
    expect(problemsOf(two)).toEqual(['m.yaml:13: items.1.id: id "m01-grant" is already used in m.yaml']);
    const none = { ...files(goodItem), measures: [] };
    expect(problemsOf(none)).toEqual(['measures: measures missing: 1']);
  });
});

describe('the shipped policies', () => {
  it('pass every check: schema, facts, quotes verbatim, measures 1–25, unique ids', async () => {
    const { set, problems } = checkPolicyFiles(await readPolicyFiles('policies'));
    expect(problems.map(formatProblem)).toEqual([]);
    expect(set!.measures.map((m) => m.measure)).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
  });

  it('carry the source text they quote', () => {
    const shipped = readFileSync('policies/source/yurenshefa-2022-60.txt', 'utf8');
    expect(shipped).toContain('渝人社发〔2022〕60号');
  });
});
