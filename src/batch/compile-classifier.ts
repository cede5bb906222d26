import { FALSE, TRUE, UNKNOWN } from '../engine/condition.js';
import type { CompiledPolicy } from '../engine/evaluate.js';
import type { Profile } from '../facts/facts.js';
import type { ConditionInput, Threshold } from '../policy/schema.js';

/**
 * Writes each item's truth value for one profile into `status`, exactly as `classify` decides it, and, when given,
 * the eligible and undetermined items as bits (item i at bit i % 32 of word i / 32) for writers that look lists up.
 */
export type Classifier = (profile: Profile, status: Uint8Array, eligibleBits?: Int32Array, undeterminedBits?: Int32Array) => void;

/** A literal for generated code: only validated numbers, strings and booleans, always through JSON. */
function literal(value: string | number | boolean): string {
  if (typeof value === 'number' && !Number.isFinite(value)) throw new Error(`cannot compile the number ${value}`);
  return JSON.stringify(value);
}

/**
 * Generates one function for the whole policy from the validated condition trees, for the batch's hot path:
 * each fact is read from the profile once per row, and every comparison is an inline expression on a local,
 * where the closures of `compileCondition` cost a call and a property lookup per comparison.
 * It mirrors `compileCondition` (Kleene logic over FALSE 0, TRUE 1, UNKNOWN 2) and `classify` (dates, audience,
 * supersedes); a test checks that both agree on every item for many generated profiles.
 * `facts`, when given, are the only facts the profiles can have (a CSV's columns).
 */
export function compileClassifier(compiled: CompiledPolicy, asOf: string, facts?: ReadonlySet<string>): Classifier {
  const { params } = compiled;
  const slots = new Map<string, string>();
  const slot = (fact: string): string => {
    let name = slots.get(fact);
    if (name === undefined) {
      name = `f${slots.size}`;
      slots.set(fact, name);
    }
    return name;
  };
  const applicant = slot('applicantType');
  let counter = 0;
  const lines: string[] = [];

  const threshold = (t: Threshold): number | undefined => (typeof t === 'number' ? t : params[t.param]);

  /** Emits statements that leave the node's truth in the returned variable. */
  const emit = (node: ConditionInput): string => {
    const out = `r${counter++}`;
    if (node.all || node.any) {
      const decisive = node.all ? FALSE : TRUE;
      const label = `L${out}`;
      lines.push(`let ${out} = ${node.all ? TRUE : FALSE};`, `${label}: {`);
      for (const child of (node.all ?? node.any)!) {
        const value = emit(child);
        lines.push(`if (${value} === ${decisive}) { ${out} = ${decisive}; break ${label}; }`, `if (${value} === ${UNKNOWN}) ${out} = ${UNKNOWN};`);
      }
      lines.push('}');
      return out;
    }
    if (node.not) {
      const value = emit(node.not);
      lines.push(`const ${out} = ${value} === ${UNKNOWN} ? ${UNKNOWN} : ${value} === ${TRUE} ? ${FALSE} : ${TRUE};`);
      return out;
    }
    const v = slot(node.fact!);
    const bounds = [node.gte, node.gt, node.lte, node.lt, ...(node.between ?? [])].filter((t) => t !== undefined);
    if (bounds.some((t) => threshold(t) === undefined)) {
      lines.push(`const ${out} = ${UNKNOWN};`);
      return out;
    }
    let test: string;
    if (node.equals !== undefined || node.is !== undefined) test = `${v} === ${literal((node.equals ?? node.is)!)}`;
    else if (node.in !== undefined) test = node.in.map((value) => `${v} === ${literal(value)}`).join(' || ');
    else {
      const number = (t: Threshold) => literal(threshold(t)!);
      const comparison =
        node.gte !== undefined ? `${v} >= ${number(node.gte)}`
        : node.gt !== undefined ? `${v} > ${number(node.gt)}`
        : node.lte !== undefined ? `${v} <= ${number(node.lte)}`
        : node.lt !== undefined ? `${v} < ${number(node.lt)}`
        : `${v} >= ${number(node.between![0])} && ${v} <= ${number(node.between![1])}`;
      test = `typeof ${v} === 'number' && ${comparison}`;
    }
    lines.push(`const ${out} = ${v} === undefined ? ${UNKNOWN} : (${test}) ? ${TRUE} : ${FALSE};`);
    return out;
  };

  const issued = compiled.set.document.issued;
  for (const entry of compiled.items) {
    const validity = entry.item.validity;
    const outOfDate = asOf < issued || Boolean(validity && ((validity.from && asOf < validity.from) || (validity.to && asOf > validity.to)));
    if (outOfDate) {
      lines.push(`s[${entry.index}] = ${FALSE};`);
      continue;
    }
    const audience = [...entry.audience].map((type) => `${applicant} === ${literal(type)}`).join(' || ');
    lines.push(`if (typeof ${applicant} === 'string' && !(${audience})) s[${entry.index}] = ${FALSE};`, 'else {');
    lines.push(`s[${entry.index}] = ${emit(entry.item.when)};`, '}');
  }
  for (const entry of compiled.items) {
    if (entry.supersedes.length === 0) continue;
    const targets = entry.supersedes.map((target) => `if (s[${target}] === ${TRUE}) s[${target}] = ${FALSE};`).join(' ');
    lines.push(`if (s[${entry.index}] === ${TRUE}) { ${targets} }`);
  }
  lines.push('if (e === undefined) return;');
  for (let word = 0; word * 32 < compiled.items.length; word++) {
    const indices = compiled.items.slice(word * 32, word * 32 + 32).map((entry) => entry.index);
    const bits = (truth: number) => indices.map((i) => `(s[${i}] === ${truth}) << ${i & 31}`).join(' | ');
    lines.push(`e[${word}] = ${bits(TRUE)};`, `if (u !== undefined) u[${word}] = ${bits(UNKNOWN)};`);
  }
  // A fact no profile can have is unknown in every row: as a constant, the optimiser folds away what it decides.
  const reads = [...slots].map(([fact, name]) => (!facts || facts.has(fact) ? `const ${name} = p[${literal(fact)}];` : `const ${name} = undefined;`));
  const source = `"use strict";\nreturn function classify(p, s, e, u) {\n${[...reads, ...lines].join('\n')}\n};`;
  return new Function(source)() as Classifier;
}
