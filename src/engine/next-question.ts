import { declarationOrder, factNamed, groupOf, type FactDef, type FactValue, type Profile } from '../facts/facts.js';
import { foldCondition, leavesOf } from '../policy/condition-walk.js';
import { boundaryNumbers, representatives, settledTruth, type Readings } from '../policy/operators.js';
import type { ConditionInput } from '../policy/schema.js';
import { compileCondition, FALSE, TRUE, UNKNOWN, type Params } from './condition.js';
import { classify, type CompiledItem, type CompiledPolicy } from './evaluate.js';

export const FIRST_QUESTION = 'applicantType';

/** Weight of an item that states no sum (a non-monetary benefit, a sum left to local rules or actual costs). */
export const NON_MONETARY_WEIGHT = 10_000;

export interface RankedQuestion {
  fact: string;
  /** Summed weight of the items some answer to this fact would decide (or give an estimate). */
  score: number;
  /** Indices (in compiled.items) of those items. */
  items: number[];
}

/** The numbers where each fact's comparisons can change their truth, parameters resolved (see OPERATORS). */
function thresholdsOf(node: ConditionInput, params: Params, into: Map<string, number[]>): void {
  for (const { leaf } of leavesOf(node)) into.set(leaf.fact, [...(into.get(leaf.fact) ?? []), ...boundaryNumbers(leaf, params)]);
}

const candidateCache = new WeakMap<CompiledPolicy, ReadonlyMap<string, readonly FactValue[]>>();

/** Every value worth trying for each fact, computed once per compiled policy. */
function candidateValues(compiled: CompiledPolicy): ReadonlyMap<string, readonly FactValue[]> {
  const cached = candidateCache.get(compiled);
  if (cached) return cached;
  const thresholds = new Map<string, number[]>();
  for (const entry of compiled.items) thresholdsOf(entry.item.when, compiled.params, thresholds);
  const values = new Map<string, readonly FactValue[]>(
    compiled.set.facts.facts.map((def: FactDef) => {
      return [def.name, representatives(def, thresholds.get(def.name) ?? [])];
    }),
  );
  candidateCache.set(compiled, values);
  return values;
}

function weightOf(entry: CompiledItem, profile: Profile): number {
  const amount = entry.item.amount;
  return amount?.cny ?? entry.estimate(profile) ?? NON_MONETARY_WEIGHT;
}

/** What answers to the open facts could still make of a condition: bit CAN_HOLD, bit CAN_FAIL. */
const CAN_HOLD = 1;
const CAN_FAIL = 2;
const swap = (mask: number) => ((mask & CAN_HOLD) << 1) | ((mask & CAN_FAIL) >> 1);

interface Look {
  profile: Profile;
  settled: ReadonlySet<string>;
  candidates: ReadonlyMap<string, readonly FactValue[]>;
  reach: Map<ConditionInput, number>;
}

const maskOf = (truth: number) => (truth === TRUE ? CAN_HOLD : truth === FALSE ? CAN_FAIL : 0);

/** A condition as what answers to the open facts could still make of it, and which of them could. */
interface Reach {
  /**
   * Which outcomes some answers to the still-open facts could give the condition; a declined fact stays unknown.
   * Exact for trees that mention each fact once; where a fact appears twice it may claim an outcome no single
   * set of answers reaches, which at worst asks a question too many, never one too few.
   */
  reach(look: Look): number;
  /** Adds the open facts whose answers, together with answers to other open facts, could give a `wanted` outcome. */
  influential(wanted: number, look: Look, into: Set<string>): void;
}

const reachCache = new WeakMap<ConditionInput, Map<Params, WeakMap<Readings, Reach>>>();

function reachOf(when: ConditionInput, params: Params, readings: Readings): Reach {
  let byParams = reachCache.get(when);
  if (!byParams) reachCache.set(when, (byParams = new Map()));
  let byReadings = byParams.get(params);
  if (!byReadings) byParams.set(params, (byReadings = new WeakMap()));
  let found = byReadings.get(readings);
  if (found) return found;
  found = foldCondition<Reach>(when, {
    group: (kind, children, _path, node) => {
      const reach = (look: Look) => {
        const cached = look.reach.get(node);
        if (cached !== undefined) return cached;
        const masks = children.map((child) => child.reach(look));
        const every = (bit: number) => masks.every((mask) => mask & bit);
        const some = (bit: number) => masks.some((mask) => mask & bit);
        const mask =
          kind === 'all'
            ? (every(CAN_HOLD) ? CAN_HOLD : 0) | (some(CAN_FAIL) ? CAN_FAIL : 0)
            : (some(CAN_HOLD) ? CAN_HOLD : 0) | (every(CAN_FAIL) ? CAN_FAIL : 0);
        look.reach.set(node, mask);
        return mask;
      };
      return {
        reach,
        influential: (wanted, look, into) => {
          const target = wanted & reach(look);
          if (target !== 0) for (const child of children) child.influential(target, look, into);
        },
      };
    },
    not: (child) => ({
      reach: (look) => swap(child.reach(look)),
      influential: (wanted, look, into) => child.influential(swap(wanted), look, into),
    }),
    compare: (leaf, _path, node) => {
      const fact = leaf.fact;
      // Decided by the parameters or the readings in force: no answer changes it.
      const settled = settledTruth(leaf, params, readings);
      if (settled !== undefined) return { reach: () => maskOf(settled), influential: () => {} };
      const test = compileCondition(node, params, readings);
      const reach = (look: Look) => {
        const known = look.profile[fact];
        if (known !== undefined) return maskOf(test(look.profile));
        if (look.settled.has(fact)) return 0;
        return (look.candidates.get(fact) ?? []).reduce<number>((bits, value) => bits | maskOf(test({ [fact]: value })), 0);
      };
      return {
        reach,
        influential: (wanted, look, into) => {
          if ((wanted & reach(look)) !== 0 && look.profile[fact] === undefined && !look.settled.has(fact)) into.add(fact);
        },
      };
    },
  });
  byReadings.set(readings, found);
  return found;
}

/**
 * Every fact still open, with the items an answer to it could decide, best first. Facts in the profile or
 * in `settled` (asked and declined), and facts the applicant type cannot answer (answeredBy), are never ranked. A fact scores the full weight of each item one of its
 * values decides on its own (tried through `classify`, so applicant type, superseding and estimates count
 * too), and a share of each item it can decide only together with other open facts (an item whose `any`
 * needs every branch answered "no"). A fact that scores nothing cannot change any result and is not asked.
 * Ties keep the order of the facts declaration, so the same answers always give the same questions.
 */
export function rankQuestions(compiled: CompiledPolicy, profile: Profile, asOf: string, settled: ReadonlySet<string>): RankedQuestion[] {
  const base = classify(compiled, profile, asOf);
  const estimates = compiled.items.map((entry) => (base[entry.index] === TRUE ? entry.estimate(profile) : null));
  const candidates = candidateValues(compiled);
  const look: Look = { profile, settled, candidates, reach: new Map() };
  const shares = new Map<string, { item: number; share: number }[]>();
  for (const entry of compiled.items) {
    if (base[entry.index] !== UNKNOWN) continue;
    const facts = new Set<string>();
    reachOf(entry.item.when, compiled.params, compiled.readings).influential(CAN_HOLD | CAN_FAIL, look, facts);
    for (const fact of facts) shares.set(fact, [...(shares.get(fact) ?? []), { item: entry.index, share: 1 / facts.size }]);
  }
  const ranked: RankedQuestion[] = [];
  const applicant = profile.applicantType;
  for (const def of compiled.set.facts.facts) {
    if (profile[def.name] !== undefined || settled.has(def.name)) continue;
    // Who cannot answer a fact (its answeredBy) is not asked it: a person does not know the host's internship months.
    if (typeof applicant === 'string' && def.answeredBy && !def.answeredBy.includes(applicant)) continue;
    const decided = new Set<number>();
    for (const value of candidates.get(def.name) ?? []) {
      const trial: Profile = { ...profile, [def.name]: value };
      const status = classify(compiled, trial, asOf);
      for (const entry of compiled.items) {
        const i = entry.index;
        if (decided.has(i)) continue;
        const changed = status[i] !== base[i] || (status[i] === TRUE && estimates[i] === null && entry.estimate(trial) !== null);
        if (changed) decided.add(i);
      }
    }
    let score = [...decided].reduce((sum, i) => sum + weightOf(compiled.items[i]!, profile), 0);
    const items = new Set(decided);
    for (const { item, share } of shares.get(def.name) ?? []) {
      if (items.has(item)) continue;
      items.add(item);
      score += weightOf(compiled.items[item]!, profile) * share;
    }
    if (items.size === 0) continue;
    ranked.push({ fact: def.name, score, items: [...items].sort((a, b) => a - b) });
  }
  // Array.prototype.sort is stable: equal scores keep the declaration order.
  return ranked.sort((a, b) => b.score - a.score);
}

/** Fewer tickable facts than this are asked one by one: a checklist of one is a yes/no question. */
export const MIN_CHECKLIST = 2;

/**
 * Whether the checklist can ask a fact: a yes/no fact, or an enum nearly everyone answers "none" to, whose other
 * values become ticks (an unticked one meaning none), so that one question covers them with the yes/no facts.
 */
export function isTickable(def: FactDef): boolean {
  return def.type === 'boolean' || (def.type === 'enum' && def.mostlyNone === true);
}

/** The ticks the checklist offers for a fact: "yes" for a yes/no fact, every value but none for an enum. */
export function tickValues(def: FactDef): FactValue[] {
  return def.type === 'enum' ? def.values.filter((value) => value !== 'none') : [true];
}

/** What a fact left unticked means when the user says the unticked ones do not apply: no, or none. */
export function untickedValue(def: FactDef): FactValue {
  return def.type === 'enum' ? 'none' : false;
}

/** One question: a single fact, or a checklist ("which of these apply?") of tickable facts, best first. */
export type NextQuestion = { kind: 'fact'; fact: string } | { kind: 'checklist'; facts: string[] };


/**
 * The next question: who is applying first; then either the open fact whose answer can decide the most
 * amount-weighted items, or, when two or more tickable facts are still worth asking, all of them as one
 * checklist, which competes with the single facts by the sum of its members' scores (a tie goes to whichever
 * comes first in the facts declaration). The checklist holds every tickable fact still ranked, grouped by the
 * declared topics and in ranking order within each, so the same answers always give the same checklist. Null when no answer to any open fact could
 * change a result.
 */
export function nextQuestion(compiled: CompiledPolicy, profile: Profile, asOf: string, settled: ReadonlySet<string>): NextQuestion | null {
  const ranked = rankQuestions(compiled, profile, asOf, settled);
  if (ranked.some((question) => question.fact === FIRST_QUESTION)) return { kind: 'fact', fact: FIRST_QUESTION };
  const facts = compiled.set.facts;
  const ticks = ranked.filter((question) => isTickable(factNamed(facts, question.fact)!));
  const single = ticks.length < MIN_CHECKLIST ? ranked[0] : ranked.find((question) => !ticks.includes(question));
  if (ticks.length < MIN_CHECKLIST) return single ? { kind: 'fact', fact: single.fact } : null;
  // Grouped by topic for reading (the sort is stable: best first within a topic); a fact without one comes last.
  const topicOf = (fact: string) => groupOf(facts, fact)?.index ?? facts.groups.length;
  const checklist: NextQuestion = { kind: 'checklist', facts: ticks.map((question) => question.fact).sort((a, b) => topicOf(a) - topicOf(b)) };
  if (!single) return checklist;
  const score = ticks.reduce((sum, question) => sum + question.score, 0);
  const order = (fact: string) => declarationOrder(facts, fact);
  const first = Math.min(...checklist.facts.map(order));
  return score > single.score || (score === single.score && first < order(single.fact)) ? checklist : { kind: 'fact', fact: single.fact };
}
