import { msg, type Message } from '../util/messages/index.js';
import { factNamed, factNames, type FactDef, type FactsDeclaration, type FactValue } from '../facts/facts.js';
import { nearest } from '../util/suggest.js';
import type { Problem } from '../util/problems.js';
import type { YamlSource } from '../util/yaml-source.js';
import { factsOf, foldCondition, leavesOf, readingsOf } from './condition-walk.js';
import { boundaryNumbers, combine, leafTruth, NOT, OPERATOR_NAMES, OPERATORS, paramsOf, representatives, resolveArgument, settledTruth, specOf, testsReading, UNKNOWN, type Leaf, type OperatorSpec, type Readings, type Truth } from './operators.js';
import { readingAsFact, readingNamed, type ReadingDef } from './readings.js';
import { factCanSatisfy, satisfiability, type FactLookup } from './satisfiable.js';
import type { ConditionInput, DocumentInput, MeasureInput } from './schema.js';

export interface ParsedMeasure {
  file: string;
  value: MeasureInput;
  source: YamlSource;
}

export interface SemanticInput {
  document: DocumentInput;
  measures: ParsedMeasure[];
  sourceText: string | null;
  facts: FactsDeclaration;
  /** The readings conditions may test (readings.yaml), and where each key of that file stands. */
  readings?: readonly ReadingDef[];
  readingsAt?: ((path: (string | number)[]) => { file: string; line?: number }) | null;
}

const squash = (text: string) => text.replace(/\s+/g, '');
/** The source is a PDF extraction: page numbers such as "- 13 -" on a line of their own are not text. */
const withoutPageNumbers = (text: string) => text.replace(/^\s*-\s*\d+\s*-\s*$/gm, '');

/** How a list of names reads: "equals, in or gte". */
const orList = (names: readonly string[]) => (names.length < 2 ? names.join('') : `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}`);

/** Whether a fact can take a value: an enum one of its values, a boolean true or false, a number within its range. */
function canTake(def: FactDef, value: FactValue): boolean {
  switch (def.type) {
    case 'enum':
      return typeof value === 'string' && def.values.includes(value);
    case 'boolean':
      return typeof value === 'boolean';
    case 'number':
    case 'integer':
      return typeof value === 'number' && value >= def.min && value <= (def.max ?? Infinity) && (def.type !== 'integer' || Number.isInteger(value));
  }
}

/** What a fact is, for a message that says which operators compare it. */
function kindWords(def: FactDef): Message {
  if (def.type === 'enum') return msg('lint.kindEnum', { values: def.values.join(', ') });
  return msg(def.type === 'boolean' ? 'lint.kindBoolean' : 'lint.kindNumber');
}

/** Problems with a reading's test: a reading not declared, an option it does not have. */
function readingTestProblems(leaf: Leaf, readings: readonly ReadingDef[]): Message[] {
  const reading = readingNamed(readings, leaf.fact);
  if (!reading) {
    const suggestion = nearest(leaf.fact, readings.map((r) => r.id));
    return [suggestion ? msg('lint.readingNotDeclaredSuggest', { reading: leaf.fact, suggestion }) : msg('lint.readingNotDeclared', { reading: leaf.fact })];
  }
  const options = reading.options.map((option) => option.id);
  if (options.includes(String(leaf.arg))) return [];
  const suggestion = nearest(String(leaf.arg), options);
  const params = { reading: reading.id, option: String(leaf.arg), options: options.join(', ') };
  return [suggestion ? msg('lint.readingNoOptionSuggest', { ...params, suggestion }) : msg('lint.readingNoOption', params)];
}

/** Problems with a comparison's fact or value: undeclared facts, operators the fact's type does not take, values it can never take. */
function comparisonProblems(leaf: Leaf, declaredParams: ReadonlySet<string>, declared: FactsDeclaration, readings: readonly ReadingDef[] = []): Message[] {
  if (testsReading(leaf)) return readingTestProblems(leaf, readings);
  const fact = leaf.fact;
  const def = factNamed(declared, fact);
  if (!def) {
    const suggestion = nearest(fact, factNames(declared));
    return [suggestion ? msg('lint.factNotDeclaredSuggest', { fact, suggestion }) : msg('lint.factNotDeclared', { fact })];
  }
  const problems = paramsOf(leaf.arg)
    .filter((param) => !declaredParams.has(param))
    .map((param) => msg('lint.paramNotDeclared', { param }));
  const spec = specOf(leaf) as OperatorSpec<unknown>;
  const values = spec.values(leaf.arg);
  const fitting = OPERATOR_NAMES.filter((name) => OPERATORS[name].types.includes(def.type));
  const wrongType = (value: FactValue) => (def.type === 'number' || def.type === 'integer' ? typeof value !== 'number' : def.type === 'boolean' && typeof value !== 'boolean');
  if (!spec.types.includes(def.type) || values.some(wrongType)) return [...problems, msg('lint.wrongOperator', { fact, kind: kindWords(def), operators: { zh: fitting.join('、'), en: orList(fitting) } })];
  const never = values.filter((value) => !canTake(def, value));
  if (def.type === 'enum' && never.length > 0) {
    problems.push(msg('lint.enumNever', { fact, never: never.map((v) => JSON.stringify(v)).join(', '), values: def.values.join(', ') }));
  } else if ((def.type === 'number' || def.type === 'integer') && (never.length > 0 || !factCanSatisfy(def, [{ leaf, negated: false }]))) {
    const range = `${def.min}…${def.max ?? '∞'}`;
    problems.push(msg('lint.rangeNever', { fact, range: def.type === 'integer' ? msg('lint.wholeNumberRange', { range }) : range }));
  }
  return problems;
}

function conflictWords(conflicts: { fact: string; comparisons: string[] }[]): Message {
  const first = conflicts[0]!;
  const because = msg('lint.cannotAllHold', { comparisons: { zh: first.comparisons.join('、'), en: first.comparisons.join(' and ') } });
  return conflicts.length === 1 ? because : msg('lint.noWayThrough', { count: conflicts.length, because });
}

/** The same tree with the node at `path` replaced. */
function replaceAt(node: ConditionInput, path: readonly (string | number)[], replacement: ConditionInput): ConditionInput {
  if (path.length === 0) return replacement;
  const [key, index, ...rest] = path;
  if (key === 'not') return { not: replaceAt(node.not!, path.slice(1), replacement) };
  const group = key as 'all' | 'any';
  return { [group]: node[group]!.map((child, i) => (i === index ? replaceAt(child, rest, replacement) : child)) };
}

/**
 * Conditions that can never hold: the whole `when` (the item can never be granted), or an alternative of an `any`
 * that no profile meeting the rest of the conditions can meet (a dead branch). Conditions under a `not` are left alone.
 */
function contradictions(when: ConditionInput, facts: FactLookup): { path: (string | number)[]; message: Message }[] {
  const whole = satisfiability(when, facts);
  if (!whole.satisfiable) return [{ path: [], message: msg('lint.neverHolds', { why: conflictWords(whole.conflicts) }) }];
  const found: { path: (string | number)[]; message: Message }[] = [];
  // `pinned` is the whole condition with every enclosing `any` replaced by the alternative taken to reach `node`,
  // which stands in it at `pinnedPath`: an alternative is dead when the pinned condition with it chosen cannot hold.
  type Visit = (pinned: ConditionInput, pinnedPath: (string | number)[]) => void;
  const nothing: Visit = () => {};
  const visit = foldCondition<Visit>(when, {
    group: (kind, children, path, node) => (pinned, pinnedPath) => {
      if (kind === 'all') return children.forEach((child, i) => child(pinned, [...pinnedPath, 'all', i]));
      node.any!.forEach((alternative, i) => {
        const chosen = replaceAt(pinned, pinnedPath, alternative);
        const alone = satisfiability(chosen, facts);
        if (alone.satisfiable) return children[i]!(chosen, pinnedPath);
        found.push({ path: [...path, 'any', i], message: msg('lint.deadAlternative', { why: conflictWords(alone.conflicts) }) });
      });
    },
    not: () => nothing,
    compare: () => nothing,
  });
  visit(when, []);
  return found;
}

interface Located {
  id: string;
  supersedes: readonly string[];
  at: (path: (string | number)[], message: Message) => void;
  path: (string | number)[];
}

/** The strongly connected groups of a graph (Tarjan's algorithm, iterative so a long chain cannot overflow the stack). */
function stronglyConnected<T>(nodes: readonly T[], next: (node: T) => readonly T[]): T[][] {
  const index = new Map<T, number>();
  const low = new Map<T, number>();
  const stack: T[] = [];
  const onStack = new Set<T>();
  const groups: T[][] = [];
  for (const root of nodes) {
    if (index.has(root)) continue;
    const work: { node: T; edges: readonly T[]; at: number }[] = [];
    const enter = (node: T) => {
      index.set(node, index.size);
      low.set(node, index.get(node)!);
      stack.push(node);
      onStack.add(node);
      work.push({ node, edges: next(node), at: 0 });
    };
    enter(root);
    while (work.length > 0) {
      const frame = work[work.length - 1]!;
      if (frame.at < frame.edges.length) {
        const target = frame.edges[frame.at++]!;
        if (!index.has(target)) enter(target);
        else if (onStack.has(target)) low.set(frame.node, Math.min(low.get(frame.node)!, index.get(target)!));
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.node, Math.min(low.get(parent.node)!, low.get(frame.node)!));
      if (low.get(frame.node) === index.get(frame.node)) {
        const group: T[] = [];
        let member: T;
        do {
          member = stack.pop()!;
          onStack.delete(member);
          group.push(member);
        } while (member !== frame.node);
        groups.push(group);
      }
    }
  }
  return groups;
}

/**
 * Supersession must not go round: an item that supersedes itself, or a circle (a → b → a, or longer), would leave
 * the order of the files to decide which is shown. Each tangle is reported once, with one circle in it; linear time.
 */
function supersessionCircles(items: readonly Located[]): void {
  const byId = new Map(items.map((item) => [item.id, item]));
  const order = new Map(items.map((item, i) => [item, i]));
  const next = (item: Located) => item.supersedes.flatMap((id) => (byId.has(id) ? [byId.get(id)!] : []));
  for (const group of stronglyConnected(items, next)) {
    const first = group.reduce((a, b) => (order.get(a)! <= order.get(b)! ? a : b));
    if (group.length === 1) {
      if (first.supersedes.includes(first.id)) first.at([...first.path, 'supersedes'], msg('lint.supersedesItself', { id: first.id }));
      continue;
    }
    // Every member supersedes another member: following those edges from the first comes back to it.
    const members = new Set(group);
    const circle = [first];
    const seen = new Map([[first, 0]]);
    for (;;) {
      const step = next(circle[circle.length - 1]!).find((target) => members.has(target))!;
      if (seen.has(step)) {
        circle.splice(0, seen.get(step)!);
        circle.push(step);
        break;
      }
      seen.set(step, circle.length);
      circle.push(step);
    }
    const head = circle[0]!;
    head.at([...head.path, 'supersedes'], msg('lint.supersessionCircle', { circle: circle.map((entry) => entry.id).join(' → ') }));
  }
}

/** A condition's copy whose tests of `reading` name `renamed` instead: a second, independent choice of that reading. */
function renameReading(node: ConditionInput, reading: string, renamed: string): ConditionInput {
  return foldCondition<ConditionInput>(node, {
    group: (kind, children) => ({ [kind]: children }),
    not: (child) => ({ not: child }),
    compare: (leaf, _path, at) => (testsReading(leaf) && leaf.fact === reading ? { reading: renamed, is: at.is } : at),
  });
}

/** The suffix of a reading's second copy (see optionMatters); no reading id can contain it. */
const OTHER = '~other';

/**
 * Whether putting `option` in force instead of another changes what the condition says for some profile, the other
 * readings at their defaults: the condition under `option` and under some other option can differ, which the
 * satisfiability machinery decides by testing a second copy of the reading (an enum of the options) beside the first.
 */
function optionMatters(when: ConditionInput, reading: ReadingDef, option: string, readings: readonly ReadingDef[], facts: FactLookup): boolean {
  if (witnessFor(when, reading, option, readings, facts)) return true;
  const copy = renameReading(when, reading.id, `${reading.id}${OTHER}`);
  const pins: ConditionInput[] = readingsOf(when)
    .filter((id) => id !== reading.id)
    .flatMap((id) => {
      const other = readingNamed(readings, id);
      return other ? [{ reading: id, is: other.default }] : [];
    });
  return reading.options
    .filter((other) => other.id !== option)
    .some((other) => {
      const chosen: ConditionInput[] = [{ reading: reading.id, is: option }, { reading: `${reading.id}${OTHER}`, is: other.id }, ...pins];
      return (
        satisfiability({ all: [when, { not: copy }, ...chosen] }, facts).satisfiable || satisfiability({ all: [{ not: when }, copy, ...chosen] }, facts).satisfiable
      );
    });
}

/** The condition's truth for a profile under these readings, by the operator table (Kleene; parameters unknown). */
function truthUnder(when: ConditionInput, profile: Readonly<Record<string, FactValue>>, chosen: Readings): Truth {
  return foldCondition<Truth>(when, {
    group: (kind, children) => combine(kind, children),
    not: (child) => NOT[child]!,
    compare: (leaf) => settledTruth(leaf, {}, chosen) ?? leafTruth(leaf, resolveArgument(leaf.arg, {}), profile[leaf.fact]),
  });
}

/** Profiles drawn the same way on every run (a fixed seed), so that lint says the same thing each time. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WITNESS_TRIES = 4000;

/**
 * A quick proof that the option matters: a profile, drawn from the values that decide each comparison, for which the
 * condition under `option` and under another option differ. Finding none proves nothing; the exact check follows.
 */
function witnessFor(when: ConditionInput, reading: ReadingDef, option: string, readings: readonly ReadingDef[], facts: FactLookup): boolean {
  const names = factsOf(when);
  const leaves = leavesOf(when).map((found) => found.leaf);
  const pools = names.map((name) => {
    const def = facts(name);
    return def ? representatives(def, leaves.filter((leaf) => leaf.fact === name).flatMap((leaf) => boundaryNumbers(leaf, {}))) : [];
  });
  if (pools.some((pool) => pool.length === 0)) return false;
  const defaults = Object.fromEntries(readings.map((declared) => [declared.id, declared.default]));
  const under = { ...defaults, [reading.id]: option };
  const others = reading.options.filter((other) => other.id !== option).map((other) => ({ ...defaults, [reading.id]: other.id }));
  const random = seeded(0x5eed);
  for (let i = 0; i < WITNESS_TRIES; i++) {
    const profile = Object.fromEntries(names.map((name, k) => [name, pools[k]![Math.floor(random() * pools[k]!.length)]!]));
    const truth = truthUnder(when, profile, under);
    if (truth === UNKNOWN) continue;
    if (others.some((other) => { const t = truthUnder(when, profile, other); return t !== UNKNOWN && t !== truth; })) return true;
  }
  return false;
}

/** Every reading is tested by some condition, and each of its options changes some item's outcome for some profile. */
function readingProblems(readings: readonly ReadingDef[], conditions: readonly ConditionInput[], facts: FactLookup, at: SemanticInput['readingsAt']): Problem[] {
  const problems: Problem[] = [];
  const place = (path: (string | number)[], message: Message) => problems.push({ ...(at ? at(path) : { file: 'readings.yaml' }), path: path.join('.'), message });
  for (const reading of readings) {
    const testing = conditions.filter((when) => readingsOf(when).includes(reading.id));
    if (testing.length === 0) {
      place(['readings', reading.id], msg('lint.readingUntested'));
      continue;
    }
    for (const option of reading.options) {
      if (!testing.some((when) => optionMatters(when, reading, option.id, readings, facts))) {
        place(['readings', reading.id, 'options', option.id], msg('lint.readingOptionNoDifference', { option: option.id }));
      }
    }
  }
  return problems;
}

/** Checks of meaning that a schema cannot make: every policy file is judged against the facts, params and source. */
export function semanticProblems({ document, measures, sourceText, facts: declared, readings = [], readingsAt = null }: SemanticInput): Problem[] {
  const readingFacts = new Map(readings.flatMap((reading) => {
    const def = readingAsFact(reading);
    return [[reading.id, def], [`${reading.id}${OTHER}`, def]] as const;
  }));
  const facts: FactLookup = (name) => factNamed(declared, name) ?? readingFacts.get(name);
  const problems: Problem[] = [];
  const declaredParams = new Set(document.params.map((p) => p.name));
  const squashedSource = sourceText === null ? null : squash(withoutPageNumbers(sourceText));
  const ids = new Map<string, string>();
  const allIds = new Set(measures.flatMap((m) => m.value.items.map((item) => item.id)));
  const seenMeasures = new Map<number, string>();
  const located: Located[] = [];

  for (const { file, value: measure, source } of measures) {
    const at = (path: (string | number)[], message: Message) =>
      problems.push({ file, line: source.lineOf(path), path: path.join('.'), message });
    if (measure.measure > document.document.measures) at(['measure'], msg('lint.tooManyMeasures', { count: document.document.measures }));
    const earlier = seenMeasures.get(measure.measure);
    if (earlier) at(['measure'], msg('lint.measureTwice', { measure: measure.measure, file: earlier }));
    seenMeasures.set(measure.measure, file);

    measure.items.forEach((item, i) => {
      const itemPath = ['items', i];
      const prefix = `m${String(measure.measure).padStart(2, '0')}-`;
      if (!item.id.startsWith(prefix)) at([...itemPath, 'id'], msg('lint.idPrefix', { measure: measure.measure, prefix }));
      const duplicate = ids.get(item.id);
      if (duplicate) at([...itemPath, 'id'], msg('lint.idTwice', { id: item.id, file: duplicate }));
      ids.set(item.id, file);

      let comparisonsOk = true;
      for (const { leaf, path } of leavesOf(item.when)) {
        for (const message of comparisonProblems(leaf, declaredParams, declared, readings)) {
          at([...itemPath, 'when', ...path], message);
          comparisonsOk = false;
        }
      }
      // A comparison already reported would be reported again as a contradiction: judge the whole only when its parts are sound.
      if (comparisonsOk) for (const { path, message } of contradictions(item.when, facts)) at([...itemPath, 'when', ...path], message);
      for (const target of item.supersedes ?? []) {
        if (!allIds.has(target)) at([...itemPath, 'supersedes'], msg('lint.noSuchItem', { id: target }));
      }
      located.push({ id: item.id, supersedes: item.supersedes ?? [], at, path: itemPath });
      const { from, to } = item.validity ?? {};
      if (from && to && from > to) at([...itemPath, 'validity'], msg('lint.windowBackwards', { from, to }));
      for (const param of item.localRules?.params ?? []) {
        if (!declaredParams.has(param)) at([...itemPath, 'localRules', 'params'], msg('lint.paramNotDeclared', { param }));
      }
      const amount = item.amount;
      for (const [key, ref] of [['base', amount?.base], ['months', amount?.months]] as const) {
        if (!ref) continue;
        if ('param' in ref) {
          if (!declaredParams.has(ref.param)) at([...itemPath, 'amount', key], msg('lint.paramNotDeclared', { param: ref.param }));
        } else {
          const def = factNamed(declared, ref.fact);
          if (!def || (def.type !== 'number' && def.type !== 'integer')) at([...itemPath, 'amount', key], msg('lint.notNumericFact', { fact: ref.fact }));
        }
      }
      if (squashedSource !== null && !squashedSource.includes(squash(item.basis.quote))) {
        at([...itemPath, 'basis', 'quote'], msg('lint.quoteNotVerbatim'));
      }
    });
  }

  supersessionCircles(located);
  // Readings are judged only on sound conditions: a test of an undeclared reading is already reported above.
  if (problems.length === 0) problems.push(...readingProblems(readings, measures.flatMap((m) => m.value.items.map((item) => item.when)), facts, readingsAt));
  if (squashedSource !== null) {
    for (const reading of readings) {
      if (squashedSource.includes(squash(reading.clause))) continue;
      problems.push({ ...(readingsAt ? readingsAt(['readings', reading.id, 'clause']) : { file: 'readings.yaml' }), path: `readings.${reading.id}.clause`, message: msg('lint.clauseNotInSource') });
    }
  }
  if (squashedSource === null) {
    problems.push({ file: document.document.source, path: 'document.source', message: msg('lint.noSource') });
  }
  const missing = Array.from({ length: document.document.measures }, (_, i) => i + 1).filter((n) => !seenMeasures.has(n));
  if (missing.length > 0) problems.push({ path: 'measures', message: msg('lint.measuresMissing', { measures: missing.join(', ') }) });
  return problems;
}
