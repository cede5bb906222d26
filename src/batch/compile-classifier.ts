import type { Params } from '../engine/condition.js';
import type { CompiledPolicy } from '../engine/evaluate.js';
import { foldCondition, leavesOf } from '../policy/condition-walk.js';
import { FALSE, GROUPS, NOT, resolveArgument, settledTruth, specOf, testsReading, TRUE, UNKNOWN, type CodePieces, type FactLookup, type Leaf } from '../policy/operators.js';
import type { ConditionInput } from '../policy/schema.js';

/**
 * Decides every item for the coded row (see CodedRow) at `offset` of `codes`, whose columns are the facts it was
 * compiled for: writes each item's truth value into `status`, exactly as `classify` decides it for the row's profile,
 * and the eligible and undetermined items as bits (item i at bit i % 32 of word i / 32) for writers that look lists up.
 */
export type CodedClassifier = (codes: Float64Array, offset: number, status: Uint8Array, eligibleBits: Int32Array, undeterminedBits: Int32Array) => void;

type Literal = string | number | boolean;

/** A literal for generated code: only validated numbers, strings and booleans, always through JSON. */
function literal(value: Literal): string {
  if (typeof value === 'number' && !Number.isFinite(value)) throw new Error(`cannot compile the number ${value}`);
  return JSON.stringify(value);
}

/**
 * How the generated code reads the coded row's facts and writes the values it compares them with: numbers, NaN
 * unknown; an enum as the index of its value, a boolean as 1 or 0 (see row-coder.ts).
 */
function codedReads(columns: readonly string[], facts: FactLookup) {
  return {
    /** The statement that loads the fact into the local `name`; a fact the file lacks is unknown in every row. */
    read: (fact: string, name: string) => (columns.includes(fact) ? `const ${name} = c[o + ${columns.indexOf(fact)}];` : `const ${name} = NaN;`),
    /** An expression that holds when the local `v` is unknown. */
    unknown: (v: string) => `${v} !== ${v}`,
    /** What an operator writes its test with, for the fact held in the local `v` (see OPERATORS). */
    pieces: (fact: string, v: string): CodePieces => {
      const def = facts(fact);
      const numeric = def?.type === 'number' || def?.type === 'integer';
      return {
        value: v,
        literal: (value) => {
          if (def?.type === 'enum' && typeof value === 'string') return def.values.includes(value) ? String(def.values.indexOf(value)) : null;
          if (def?.type === 'boolean' && typeof value === 'boolean') return value ? '1' : '0';
          return numeric && typeof value === 'number' ? literal(value) : null;
        },
        number: (value) => (numeric ? literal(value) : null),
        never: 'false',
      };
    },
  };
}

type FactReads = ReturnType<typeof codedReads>;

/**
 * A comparison as two expressions over the local `v` that holds its fact: whether the fact is unknown, and whether
 * the comparison holds when it is known (its operator's `js`). Null when a parameter it needs is not set: it is
 * unknown whatever the fact.
 */
function comparisonParts(leaf: Leaf, v: string, source: FactReads, params: Params): { unknown: string; holds: string } | null {
  const resolved = resolveArgument(leaf.arg, params);
  if (resolved === undefined) return null;
  const holds = (specOf(leaf).js as (arg: unknown, code: CodePieces) => string)(resolved, source.pieces(leaf.fact, v));
  return { unknown: source.unknown(v), holds };
}

/**
 * Generates one function for the whole policy from the validated condition trees, for the batch's hot path:
 * each fact is read once per row, and every comparison is an inline expression on a local, where the closures of
 * `compileCondition` cost a call and a property lookup per comparison.
 * It mirrors `compileCondition` (Kleene logic over FALSE 0, TRUE 1, UNKNOWN 2) and `classify` (dates, audience,
 * supersedes); a test checks that both agree on every item for many generated profiles.
 */
export function compileCodedClassifier(compiled: CompiledPolicy, asOf: string, columns: readonly string[], facts: FactLookup): CodedClassifier {
  const source = codedReads(columns, facts);
  const { params, readings } = compiled;
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

  /** Each node becomes a function that emits statements leaving its truth in the variable it returns. */
  const emitter = (node: ConditionInput) =>
    foldCondition<() => string>(node, {
      group: (kind, children) => () => {
        const { unit, decisive } = GROUPS[kind];
        const out = `r${counter++}`;
        const label = `L${out}`;
        lines.push(`let ${out} = ${unit};`, `${label}: {`);
        for (const child of children) {
          const value = child();
          lines.push(`if (${value} === ${decisive}) { ${out} = ${decisive}; break ${label}; }`, `if (${value} === ${UNKNOWN}) ${out} = ${UNKNOWN};`);
        }
        lines.push('}');
        return out;
      },
      not: (child) => () => {
        const value = child();
        const out = `r${counter++}`;
        lines.push(`const ${out} = ${value} === ${UNKNOWN} ? ${NOT[UNKNOWN]} : ${value} === ${TRUE} ? ${NOT[TRUE]} : ${NOT[FALSE]};`);
        return out;
      },
      compare: (leaf) => () => {
        const out = `r${counter++}`;
        // Decided by the parameters or the readings in force: a constant, whatever the row.
        const settled = settledTruth(leaf, params, readings);
        if (settled !== undefined) {
          lines.push(`const ${out} = ${settled};`);
          return out;
        }
        const v = slot(leaf.fact);
        const parts = comparisonParts(leaf, v, source, params);
        lines.push(`const ${out} = ${parts === null ? UNKNOWN : `${parts.unknown} ? ${UNKNOWN} : (${parts.holds}) ? ${TRUE} : ${FALSE}`};`);
        return out;
      },
    })();

  const issued = compiled.set.document.issued;
  for (const entry of compiled.items) {
    const validity = entry.item.validity;
    const outOfDate = asOf < issued || Boolean(validity && ((validity.from && asOf < validity.from) || (validity.to && asOf > validity.to)));
    if (outOfDate) {
      lines.push(`s[${entry.index}] = ${FALSE};`);
      continue;
    }
    // A known applicant type outside the item's audience rules the item out.
    const applicantPieces = source.pieces('applicantType', applicant);
    const audience = [...entry.audience].map((type) => { const code = applicantPieces.literal(type); return code === null ? 'false' : `${applicant} === ${code}`; }).join(' || ');
    lines.push(`if (!(${source.unknown(applicant)}) && !(${audience})) s[${entry.index}] = ${FALSE};`, 'else {');
    lines.push(`s[${entry.index}] = ${emitter(entry.item.when)};`, '}');
  }
  for (const entry of compiled.items) {
    if (entry.supersedes.length === 0) continue;
    const targets = entry.supersedes.map((target) => `if (s[${target}] === ${TRUE}) s[${target}] = ${FALSE};`).join(' ');
    lines.push(`if (s[${entry.index}] === ${TRUE}) { ${targets} }`);
  }
  for (let word = 0; word * 32 < compiled.items.length; word++) {
    const indices = compiled.items.slice(word * 32, word * 32 + 32).map((entry) => entry.index);
    const bits = (truth: number) => indices.map((i) => `(s[${i}] === ${truth}) << ${i & 31}`).join(' | ');
    lines.push(`e[${word}] = ${bits(TRUE)};`, `u[${word}] = ${bits(UNKNOWN)};`);
  }
  const reads = [...slots].map(([fact, name]) => source.read(fact, name));
  const body = `"use strict";\nreturn function classify(c, o, s, e, u) {\n${[...reads, ...lines].join('\n')}\n};`;
  return new Function(body)() as CodedClassifier;
}

/** Comparisons an item may have for `compileComparisonStates`: two bits each in a 31-bit number. */
const MAX_STATE_COMPARISONS = 15;

/**
 * For each item, a function that gives the state of every comparison of its condition on a coded row, two bits
 * each in tree order (0 failed, 1 held, 2 unknown for want of the fact, 3 unknown for want of a parameter while
 * the fact is given), or null for an item with more comparisons than fit. Whatever follows from those states alone,
 * such as the facts an undetermined item still needs, can then be remembered by them.
 */
export function compileComparisonStates(compiled: CompiledPolicy, columns: readonly string[], facts: FactLookup): (((codes: Float64Array, offset: number) => number) | null)[] {
  const source = codedReads(columns, facts);
  return compiled.items.map(({ item }) => {
    const comparisons = leavesOf(item.when).map((found) => found.leaf);
    if (comparisons.length > MAX_STATE_COMPARISONS) return null;
    const names = [...new Set(comparisons.filter((leaf) => !testsReading(leaf)).map((leaf) => leaf.fact))];
    const reads = names.map((fact, k) => source.read(fact, `f${k}`));
    const states = comparisons.map((leaf, i) => {
      // A reading's test is held or failed by the reading in force, the same in every row.
      if (testsReading(leaf)) return `${settledTruth(leaf, compiled.params, compiled.readings) === TRUE ? 1 : 0} << ${2 * i}`;
      const v = `f${names.indexOf(leaf.fact)}`;
      const parts = comparisonParts(leaf, v, source, compiled.params);
      const state = parts === null ? `(${source.unknown(v)} ? 2 : 3)` : `(${parts.unknown} ? 2 : (${parts.holds}) ? 1 : 0)`;
      return `${state} << ${2 * i}`;
    });
    const body = `"use strict";\nreturn function states(c, o) {\n${reads.join('\n')}\nreturn ${states.join(' | ') || '0'};\n};`;
    return new Function(body)() as (codes: Float64Array, offset: number) => number;
  });
}
