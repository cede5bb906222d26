import { factNamed, type FactDef, type FactsDeclaration, type FactValue, type Profile } from '../facts/facts.js';
import { leavesOf } from '../policy/condition-walk.js';
import { resolveArgument, specOf, type Leaf, type Near } from '../policy/operators.js';
import type { Label } from '../policy/schema.js';
import { compareIds } from '../util/order.js';
import { factsOf, FALSE, TRUE, type Params } from './condition.js';
import { classify, exclusionOf, recipientSide, type CheckResult, type CompiledItem, type CompiledPolicy } from './evaluate.js';

/**
 * Real-valued facts have no natural step, so a strict comparison (> X, < X) is answered with X ± 0.01, the
 * precision profiles and sums are written in. The change then also carries `above: X` (or `below: X`) so that
 * reports say "more than X" rather than pretending 0.01 more is what the rule asks.
 */
export const REAL_STEP = 0.01;

/** At most this many facts change together in one suggestion. */
export const MAX_CHANGES = 3;

export interface FactChange {
  fact: string;
  /** null: the profile leaves the fact unknown, and the suggestion is to set it. */
  from: FactValue | null;
  to: FactValue;
  /** The rule asks for more than this (a real-valued `gt`); `to` is the smallest value written to 0.01. */
  above?: number;
  /** The rule asks for less than this; `to` is the largest value written to 0.01. */
  below?: number;
}

export interface NearMiss {
  id: string;
  measure: number;
  title: Label;
  changes: FactChange[];
  /**
   * What the applicant's total would gain: the item's value (valueCNY) less what the items it replaces pay them now.
   * For an item that replaces none, its value.
   */
  gainCNY: number;
  /** The item's estimate after the change, else the figure the document states (a cap, the top of a range). */
  valueCNY: number;
  /** Items the applicant gets now that this one would replace (提高至): the gain is not on top of theirs. */
  replaces?: string[];
}

export interface Scenario {
  /** The facts set on top of the profile; null unsets a fact. */
  set: Record<string, FactValue | null>;
  /** The same facts as the unmodified profile has them; null where it leaves them unknown. */
  was: Record<string, FactValue | null>;
  gained: string[];
  lost: string[];
  totalChangeCNY: number;
}

interface Candidate {
  value: FactValue;
  /** How big a change this is, from 0 (none) to 1 (a flip, a whole new value, or setting an unknown fact). */
  cost: number;
  above?: number;
  below?: number;
}

/** Per item, what the search needs from its condition: the changeable facts it mentions and their comparisons. */
interface ItemShape {
  facts: string[];
  comparisons: Map<string, Leaf[]>;
}

const shapes = new WeakMap<CompiledItem, ItemShape>();

function shapeOf(entry: CompiledItem, declared: FactsDeclaration): ItemShape {
  let shape = shapes.get(entry);
  if (!shape) {
    const facts = factsOf(entry.item.when).filter((fact) => factNamed(declared, fact)?.changeable === true);
    const comparisons = new Map<string, Leaf[]>();
    for (const { leaf } of leavesOf(entry.item.when)) comparisons.set(leaf.fact, [...(comparisons.get(leaf.fact) ?? []), leaf]);
    shape = { facts, comparisons };
    shapes.set(entry, shape);
  }
  return shape;
}

const round = (value: number) => Math.round(value * 1e6) / 1e6;

/** The values on either side of a bound, as a fact's domain has them: whole numbers, or reals written to REAL_STEP. */
function nearFor(integer: boolean): Near {
  return {
    at: (value) => ({ value }),
    atLeast: (t) => ({ value: integer ? Math.ceil(t) : t }),
    atMost: (t) => ({ value: integer ? Math.floor(t) : t }),
    above: (t) => (integer ? { value: Math.floor(t) + 1 } : { value: round(t + REAL_STEP), above: t }),
    below: (t) => (integer ? { value: Math.ceil(t) - 1 } : { value: round(t - REAL_STEP), below: t }),
  };
}

/**
 * The values worth trying for a numeric fact: each operator's candidates around its bounds (so that negated
 * comparisons can be met too), kept inside the fact's declared range.
 */
function numericCandidates(def: FactDef & { type: 'number' | 'integer' }, leaves: readonly Leaf[], params: Params): Omit<Candidate, 'cost'>[] {
  const near = nearFor(def.type === 'integer');
  const out = leaves.flatMap((leaf) => {
    const resolved = resolveArgument(leaf.arg, params);
    return resolved === undefined ? [] : (specOf(leaf).candidates as (arg: unknown, near: Near) => Omit<Candidate, 'cost'>[])(resolved, near);
  });
  return out.filter(({ value }) => typeof value === 'number' && value >= def.min && (def.max === undefined || value <= def.max));
}

/** Candidate values for one fact, cheapest change first; the current value is not a change. */
function candidatesFor(def: FactDef, leaves: Leaf[], current: FactValue | undefined, params: Params): Candidate[] {
  const known = current !== undefined;
  let options: Omit<Candidate, 'cost'>[];
  let costOf: (value: FactValue) => number;
  switch (def.type) {
    case 'boolean':
      options = [{ value: true }, { value: false }];
      costOf = () => 1;
      break;
    case 'enum': {
      options = def.values.map((value) => ({ value }));
      const span = Math.max(def.values.length - 1, 1);
      const from = def.values.indexOf(String(current));
      costOf = (value) => (from < 0 ? 1 : Math.abs(def.values.indexOf(String(value)) - from) / span);
      break;
    }
    case 'number':
    case 'integer': {
      options = numericCandidates(def, leaves, params).sort((a, b) => (a.value as number) - (b.value as number));
      const from = typeof current === 'number' ? current : undefined;
      costOf = (value) => {
        if (from === undefined) return 1;
        const to = value as number;
        return Math.abs(to - from) / Math.max(Math.abs(from), Math.abs(to), 1);
      };
      break;
    }
  }
  const seen = new Set<FactValue>();
  const candidates: Candidate[] = [];
  for (const option of options) {
    if ((known && option.value === current) || seen.has(option.value)) continue;
    seen.add(option.value);
    candidates.push({ ...option, cost: costOf(option.value) });
  }
  // Stable sort: equal costs keep the declared order (enums, true before false) or ascending order (numbers).
  return candidates.sort((a, b) => a.cost - b.cost);
}

function* combinations<T>(items: readonly T[], size: number, start = 0): Generator<T[]> {
  if (size === 0) {
    yield [];
    return;
  }
  for (let i = start; i <= items.length - size; i++) {
    for (const rest of combinations(items, size - 1, i + 1)) yield [items[i]!, ...rest];
  }
}

interface Found {
  facts: string[];
  picks: Candidate[];
  cost: number;
}

/** Every assignment of candidate values to `facts` that makes the item's own condition hold, in a mutable profile. */
function satisfying(entry: CompiledItem, work: Record<string, FactValue>, facts: string[], candidates: Candidate[][]): Found[] {
  const found: Found[] = [];
  const picks: Candidate[] = [];
  const walk = (depth: number, cost: number): void => {
    if (depth === facts.length) {
      if (entry.test(work) === TRUE) found.push({ facts, picks: [...picks], cost });
      return;
    }
    for (const candidate of candidates[depth]!) {
      work[facts[depth]!] = candidate.value;
      picks.push(candidate);
      walk(depth + 1, cost + candidate.cost);
      picks.pop();
    }
  };
  walk(0, 0);
  return found;
}

interface Baseline {
  status: Uint8Array;
  /** Each item's truth before supersession: FALSE when excluded (date, audience), else its condition's. */
  raw: Uint8Array;
  eligible: number[];
}

/** Per compiled policy, built once: the facts each item's condition reads, and the items that supersede each item. */
interface PolicyIndex {
  reads: ReadonlySet<string>[];
  supersededBy: number[][];
}

const indexes = new WeakMap<CompiledPolicy, PolicyIndex>();

function policyIndex(compiled: CompiledPolicy): PolicyIndex {
  let index = indexes.get(compiled);
  if (!index) {
    const supersededBy: number[][] = compiled.items.map(() => []);
    for (const entry of compiled.items) for (const target of entry.supersedes) supersededBy[target]!.push(entry.index);
    index = { reads: compiled.items.map((entry) => new Set(factsOf(entry.item.when))), supersededBy };
    indexes.set(compiled, index);
  }
  return index;
}

/**
 * The status classify(compiled, after, asOf) gives an item, for a profile that differs from the baseline's only in
 * the `changed` facts, computed from what that item depends on alone: its own condition if it reads a changed
 * fact (else its baseline truth), and the items that supersede it. classify's pass in index order makes an item
 * that is TRUE lose to any superseder that is still TRUE at its turn, that is, not itself superseded by an
 * earlier-indexed superseder that is. Checking a near miss this way costs what the items asked about depend on,
 * not a whole classify per candidate, which made check quadratic in the number of items.
 */
function statusAfter(compiled: CompiledPolicy, baseline: Baseline, after: Profile, changed: readonly string[], asOf: string): (index: number) => number {
  if (changed.includes('applicantType')) {
    const status = classify(compiled, after, asOf);
    return (index) => status[index]!;
  }
  const { reads, supersededBy } = policyIndex(compiled);
  const issued = compiled.set.document.issued;
  const raw = new Map<number, number>();
  const rawOf = (index: number): number => {
    if (!changed.some((fact) => reads[index]!.has(fact))) return baseline.raw[index]!;
    let truth = raw.get(index);
    if (truth === undefined) {
      const entry = compiled.items[index]!;
      truth = exclusionOf(entry, after, asOf, issued) === null ? entry.test(after) : FALSE;
      raw.set(index, truth);
    }
    return truth;
  };
  const alive = new Map<number, boolean>();
  const aliveAtTurn = (index: number): boolean => {
    let result = alive.get(index);
    if (result === undefined) {
      result = rawOf(index) === TRUE && !supersededBy[index]!.some((other) => other < index && aliveAtTurn(other));
      alive.set(index, result);
    }
    return result;
  };
  return (index) => {
    const truth = rawOf(index);
    return truth === TRUE && supersededBy[index]!.some(aliveAtTurn) ? FALSE : truth;
  };
}

/**
 * The cheapest change to changeable facts that makes one item eligible, verified against the whole policy:
 * the item must come out eligible (audience and supersession included) and no item the applicant already gets
 * may be lost, except the ones this item replaces. Fewest facts first, then the smallest change, at most MAX_CHANGES.
 */
function searchItem(compiled: CompiledPolicy, entry: CompiledItem, profile: Profile, asOf: string, baseline: Baseline): NearMiss | null {
  const amount = entry.item.amount;
  if (!amount || amount.loan) return null;
  // An item shown to this applicant only for information (the city's top-up to the district) is not their money.
  const applicant = profile.applicantType;
  if (typeof applicant === 'string' && !recipientSide(entry.item.recipient).has(applicant)) return null;
  if (baseline.status[entry.index] === TRUE || entry.test(profile) === TRUE) return null;
  if (exclusionOf(entry, profile, asOf, compiled.set.document.issued) !== null) return null;
  const { facts, comparisons } = shapeOf(entry, compiled.set.facts);
  if (facts.length === 0) return null;

  const work: Record<string, FactValue> = { ...profile };
  const restore = (names: readonly string[]) => {
    for (const name of names) {
      const value = profile[name];
      if (value === undefined) delete work[name];
      else work[name] = value;
    }
  };
  // Kleene logic is monotone: if the item is false with these facts unknown, no value of theirs can make it true.
  const hopeless = (names: readonly string[]) => {
    for (const name of names) delete work[name];
    const result = entry.test(work) === FALSE;
    restore(names);
    return result;
  };
  if (hopeless(facts)) return null;

  const candidates = new Map(facts.map((fact) => [fact, candidatesFor(factNamed(compiled.set.facts, fact)!, comparisons.get(fact)!, profile[fact], compiled.params)]));
  for (let size = 1; size <= Math.min(MAX_CHANGES, facts.length); size++) {
    const found: Found[] = [];
    for (const subset of combinations(facts, size)) {
      if (hopeless(subset)) continue;
      found.push(...satisfying(entry, work, subset, subset.map((fact) => candidates.get(fact)!)));
      restore(subset);
    }
    if (found.length === 0) continue;
    found.sort((a, b) => a.cost - b.cost);
    for (const option of found) {
      const after: Record<string, FactValue> = { ...profile };
      option.facts.forEach((fact, i) => (after[fact] = option.picks[i]!.value));
      const statusOf = statusAfter(compiled, baseline, after, option.facts, asOf);
      if (statusOf(entry.index) !== TRUE) continue;
      const replaced = baseline.eligible.filter((index) => statusOf(index) !== TRUE);
      if (replaced.some((index) => !entry.supersedes.includes(index))) continue;
      const valueCNY = entry.estimate(after) ?? amount.cny;
      if (valueCNY === null) continue;
      // 提高至: the higher item replaces what the applicant gets now, so only the difference is gained. A replaced
      // item whose money cannot be told leaves the gain unknown, and an unknown gain is not offered as a near miss.
      const replacedCNY = replaced.map((index) => compiled.items[index]!.estimate(profile) ?? compiled.items[index]!.item.amount?.cny ?? null);
      if (replacedCNY.includes(null)) continue;
      const gainCNY = valueCNY - replacedCNY.reduce<number>((sum, cny) => sum + cny!, 0);
      if (gainCNY <= 0) continue;
      return {
        id: entry.item.id,
        measure: entry.item.measure,
        title: entry.item.title,
        changes: option.facts.map((fact, i) => {
          const { value, above, below } = option.picks[i]!;
          return { fact, from: profile[fact] ?? null, to: value, ...(above !== undefined ? { above } : {}), ...(below !== undefined ? { below } : {}) };
        }),
        gainCNY,
        valueCNY,
        ...(replaced.length > 0 ? { replaces: replaced.map((index) => compiled.items[index]!.item.id) } : {}),
      };
    }
    // The item can be reached only in ways that cost something already held, or only alongside an item that
    // replaces it: a bigger change would not be a nearer miss, so stop here.
    return null;
  }
  return null;
}

function baselineOf(compiled: CompiledPolicy, profile: Profile, asOf: string): Baseline {
  const status = classify(compiled, profile, asOf);
  const issued = compiled.set.document.issued;
  const raw = Uint8Array.from(compiled.items, (entry) => (exclusionOf(entry, profile, asOf, issued) === null ? entry.test(profile) : FALSE));
  return { status, raw, eligible: compiled.items.filter((entry) => status[entry.index] === TRUE).map((entry) => entry.index) };
}

/** statusAfter, exposed for the test that holds it to classify. */
export function statusAfterChange(compiled: CompiledPolicy, profile: Profile, after: Profile, changed: readonly string[], asOf: string): (index: number) => number {
  return statusAfter(compiled, baselineOf(compiled, profile, asOf), after, changed, asOf);
}

/**
 * For every item with money at stake that the applicant does not get (ineligible or undetermined), the smallest
 * change to facts a person can change that would get it. Sorted by value gained, then fewest changes, then id.
 */
export function nearMisses(compiled: CompiledPolicy, profile: Profile, asOf: string): NearMiss[] {
  const baseline = baselineOf(compiled, profile, asOf);
  const found: NearMiss[] = [];
  for (const entry of compiled.items) {
    const miss = searchItem(compiled, entry, profile, asOf, baseline);
    if (miss) found.push(miss);
  }
  return found.sort((a, b) => b.gainCNY - a.gainCNY || a.changes.length - b.changes.length || compareIds(a.id, b.id));
}

/** The near miss of one item, or null when it is already eligible, has no money at stake or no change can help. */
export function nearMissOf(compiled: CompiledPolicy, profile: Profile, asOf: string, id: string): NearMiss | null {
  const entry = compiled.items.find((candidate) => candidate.item.id === id);
  return entry ? searchItem(compiled, entry, profile, asOf, baselineOf(compiled, profile, asOf)) : null;
}

/** What setting some facts adds or removes: items gained and lost, and the change in the total of estimates. */
export function compareScenario(before: CheckResult, after: CheckResult, set: Scenario['set']): Scenario {
  const had = new Set(before.eligible.map((item) => item.id));
  const has = new Set(after.eligible.map((item) => item.id));
  return {
    set,
    was: Object.fromEntries(Object.keys(set).map((fact) => [fact, before.profile[fact] ?? null])),
    gained: after.eligible.filter((item) => !had.has(item.id)).map((item) => item.id),
    lost: before.eligible.filter((item) => !has.has(item.id)).map((item) => item.id),
    totalChangeCNY: Math.round((after.totalEstimateCNY - before.totalEstimateCNY) * 100) / 100,
  };
}
