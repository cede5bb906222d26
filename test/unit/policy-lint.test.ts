import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkPolicyFiles, readPolicyFiles, type PolicyFiles } from '../../src/policy/load.js';
import { formatProblem } from '../../src/util/problems.js';
import { LIMITS } from '../../src/util/limits.js';
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

const problemsOf = (input: PolicyFiles) => checkPolicyFiles(input).problems.map((p) => formatProblem(p, 'en'));

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

describe('policy checks: supersession, dates, sizes', () => {
  const item = (id: string, extra = '') => goodItem.replace('m01-grant', id) + extra;
  const supersedes = (...ids: string[]) => `    supersedes: [${ids.join(', ')}]\n`;

  it('an item that supersedes itself', () => {
    expect(problemsOf(files(item('m01-a', supersedes('m01-a'))))).toEqual(['m.yaml:13: items.0.supersedes: "m01-a" supersedes itself']);
  });

  it('circular supersession, two items or longer, reported once each at the first item of the circle', () => {
    expect(problemsOf(files(item('m01-a', supersedes('m01-b')) + item('m01-b', supersedes('m01-a'))))).toEqual([
      'm.yaml:13: items.0.supersedes: supersession goes round in a circle: m01-a → m01-b → m01-a',
    ]);
    const longer = item('m01-x') + item('m01-a', supersedes('m01-x', 'm01-b')) + item('m01-b', supersedes('m01-c')) + item('m01-c', supersedes('m01-a'));
    expect(problemsOf(files(longer))).toEqual(['m.yaml:20: items.1.supersedes: supersession goes round in a circle: m01-a → m01-b → m01-c → m01-a']);
    // A chain that only leads into nothing, or a shared target, is fine.
    expect(problemsOf(files(item('m01-a', supersedes('m01-b', 'm01-c')) + item('m01-b', supersedes('m01-c')) + item('m01-c')))).toEqual([]);
  });

  it('finds a circle at the end of a long chain without running out of stack', () => {
    const chain = Array.from({ length: 2000 }, (_, i) => item(`m01-i${i}`, supersedes(`m01-i${(i + 1) % 2000}`))).join('');
    const problems = problemsOf(files(chain));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^m\.yaml:13: items\.0\.supersedes: supersession goes round in a circle: m01-i0 → m01-i1 → .* → m01-i1999 → m01-i0$/);
  });

  it('impossible dates in validity windows and the document, and windows that end before they start', () => {
    expect(problemsOf(files(item('m01-a', '    validity: { from: 2024-02-30 }\n')))).toEqual(['m.yaml:13: items.0.validity.from: not a calendar date']);
    expect(problemsOf(files(item('m01-a', '    validity: { from: 2024-03-01, to: 2024-02-29 }\n')))).toEqual([
      'm.yaml:13: items.0.validity: the window ends (2024-02-29) before it starts (2024-03-01)',
    ]);
    const document = { file: 'document.yaml', text: DOCUMENT_YAML.replace('issued: 2022-12-12', 'issued: 2022-13-01').replace('to: 2025-12-31', 'to: 2025-02-29') };
    expect(problemsOf({ ...files(goodItem), document })).toEqual([
      'document.yaml:5: document.issued: not a calendar date',
      'document.yaml:6: document.parentPlan.period.to: not a calendar date',
    ]);
  });

  it('a document declaring a billion measures is refused at once, not after a minute and an out-of-memory abort', () => {
    const document = { file: 'document.yaml', text: DOCUMENT_YAML.replace('measures: 1', 'measures: 1000000000') };
    expect(problemsOf({ ...files(goodItem), document })).toEqual(['document.yaml:8: document.measures: at most 1000']);
  });

  it('refuses more items than the stated limit', () => {
    // Counted before the items are validated: the count alone refuses the policy, so empty items will do.
    const items = `  [${'{}, '.repeat(LIMITS.items)}{}]\n`;
    expect(problemsOf(files(items))).toEqual(['m.yaml: items: the policy has more than 10,000 items, the most it may have']);
  });
});

describe('the shipped policies', () => {
  it('pass every check: schema, facts, quotes verbatim, measures 1–25, unique ids', async () => {
    const { set, problems } = checkPolicyFiles(await readPolicyFiles('policies'));
    expect(problems.map((p) => formatProblem(p, 'en'))).toEqual([]);
    expect(set!.measures.map((m) => m.measure)).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
  });

  it('carry the source text they quote', () => {
    const shipped = readFileSync('policies/source/yurenshefa-2022-60.txt', 'utf8');
    expect(shipped).toContain('渝人社发〔2022〕60号');
  });
});
