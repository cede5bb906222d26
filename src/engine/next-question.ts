import { CHECKLIST_TOPICS, FACT_BY_NAME, FACTS, type FactDef, type FactValue, type NumberFact, type Profile } from '../facts/facts.js';
import type { ConditionInput, Threshold } from '../policy/schema.js';
import { compileCondition, FALSE, TRUE, UNKNOWN, type CompiledCondition, type Params } from './condition.js';
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

/** The numbers each fact is compared with, parameters resolved. */
function thresholdsOf(node: ConditionInput, params: Params, into: Map<string, number[]>): void {
  if (node.fact !== undefined) {
    const bounds: (Threshold | FactValue | undefined)[] = [node.gte, node.gt, node.lte, node.lt, ...(node.between ?? []), node.equals, ...(node.in ?? [])];
    const numbers = bounds.map((bound) => (typeof bound === 'object' ? params[bound.param] : bound)).filter((value) => typeof value === 'number');
    into.set(node.fact, [...(into.get(node.fact) ?? []), ...numbers]);
  }
  for (const child of [...(node.all ?? []), ...(node.any ?? []), ...(node.not ? [node.not] : [])]) thresholdsOf(child, params, into);
}

/**
 * Values of a number fact that between them reach every outcome any condition can give: a comparison is
 * constant between two consecutive thresholds, so the thresholds, the points between and beyond them and
 * the lower bound cover every case.
 */
export function representativeNumbers(def: NumberFact, thresholds: readonly number[]): number[] {
  const sorted = [...new Set(thresholds)].sort((a, b) => a - b);
  const points = [def.min, def.min + 1, ...sorted];
  for (let i = 0; i < sorted.length; i++) {
    const here = sorted[i]!;
    const next = sorted[i + 1];
    points.push(here - 1, here + 1);
    if (next !== undefined) points.push((here + next) / 2);
  }
  if (def.max !== undefined) points.push(def.max);
  const inRange = (value: number) => value >= def.min && (def.max === undefined || value <= def.max);
  const candidates = def.type === 'integer' ? points.flatMap((p) => [Math.floor(p), Math.ceil(p)]) : points;
  return [...new Set(candidates.filter(inRange))].sort((a, b) => a - b);
}

const candidateCache = new WeakMap<CompiledPolicy, ReadonlyMap<string, readonly FactValue[]>>();

/** Every value worth trying for each fact, computed once per compiled policy. */
function candidateValues(compiled: CompiledPolicy): ReadonlyMap<string, readonly FactValue[]> {
  const cached = candidateCache.get(compiled);
  if (cached) return cached;
  const thresholds = new Map<string, number[]>();
  for (const entry of compiled.items) thresholdsOf(entry.item.when, compiled.params, thresholds);
  const values = new Map<string, readonly FactValue[]>(
    FACTS.map((def: FactDef) => {
      switch (def.type) {
        case 'enum':
          return [def.name, def.values];
        case 'boolean':
          return [def.name, [true, false]];
        default:
          return [def.name, representativeNumbers(def, thresholds.get(def.name) ?? [])];
      }
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
  params: Params;
  candidates: ReadonlyMap<string, readonly FactValue[]>;
  reach: Map<ConditionInput, number>;
}

const comparisonCache = new WeakMap<ConditionInput, Map<Params, CompiledCondition>>();

function compiledComparison(node: ConditionInput, params: Params): CompiledCondition {
  let byParams = comparisonCache.get(node);
  if (!byParams) comparisonCache.set(node, (byParams = new Map()));
  let test = byParams.get(params);
  if (!test) byParams.set(params, (test = compileCondition(node, params)));
  return test;
}

const maskOf = (truth: number) => (truth === TRUE ? CAN_HOLD : truth === FALSE ? CAN_FAIL : 0);

/**
 * Which outcomes some answers to the still-open facts could give a condition; a declined fact stays unknown.
 * Exact for trees that mention each fact once; where a fact appears twice it may claim an outcome no single
 * set of answers reaches, which at worst asks a question too many, never one too few.
 */
function reachOf(node: ConditionInput, look: Look): number {
  const cached = look.reach.get(node);
  if (cached !== undefined) return cached;
  let mask: number;
  if (node.all || node.any) {
    const children = (node.all ?? node.any)!.map((child) => reachOf(child, look));
    const every = (bit: number) => children.every((child) => child & bit);
    const some = (bit: number) => children.some((child) => child & bit);
    mask = node.all
      ? (every(CAN_HOLD) ? CAN_HOLD : 0) | (some(CAN_FAIL) ? CAN_FAIL : 0)
      : (some(CAN_HOLD) ? CAN_HOLD : 0) | (every(CAN_FAIL) ? CAN_FAIL : 0);
  } else if (node.not) {
    mask = swap(reachOf(node.not, look));
  } else {
    const fact = node.fact!;
    const test = compiledComparison(node, look.params);
    const known = look.profile[fact];
    if (known !== undefined) mask = maskOf(test(look.profile));
    else if (look.settled.has(fact)) mask = 0;
    else mask = (look.candidates.get(fact) ?? []).reduce<number>((bits, value) => bits | maskOf(test({ [fact]: value })), 0);
  }
  look.reach.set(node, mask);
  return mask;
}

/** The open facts whose answers, together with answers to other open facts, could still decide the condition. */
function influentialFacts(node: ConditionInput, wanted: number, look: Look, into: Set<string>): void {
  const target = wanted & reachOf(node, look);
  if (target === 0) return;
  if (node.all || node.any) for (const child of (node.all ?? node.any)!) influentialFacts(child, target, look, into);
  else if (node.not) influentialFacts(node.not, swap(target), look, into);
  else if (look.profile[node.fact!] === undefined && !look.settled.has(node.fact!)) into.add(node.fact!);
}

/**
 * Every fact still open, with the items an answer to it could decide, best first. Facts in the profile or
 * in `settled` (asked and declined) are never ranked. A fact scores the full weight of each item one of its
 * values decides on its own (tried through `classify`, so applicant type, superseding and estimates count
 * too), and a share of each item it can decide only together with other open facts (an item whose `any`
 * needs every branch answered "no"). A fact that scores nothing cannot change any result and is not asked.
 * Ties keep the order of the facts declaration, so the same answers always give the same questions.
 */
export function rankQuestions(compiled: CompiledPolicy, profile: Profile, asOf: string, settled: ReadonlySet<string>): RankedQuestion[] {
  const base = classify(compiled, profile, asOf);
  const estimates = compiled.items.map((entry) => (base[entry.index] === TRUE ? entry.estimate(profile) : null));
  const candidates = candidateValues(compiled);
  const look: Look = { profile, settled, params: compiled.params, candidates, reach: new Map() };
  const shares = new Map<string, { item: number; share: number }[]>();
  for (const entry of compiled.items) {
    if (base[entry.index] !== UNKNOWN) continue;
    const facts = new Set<string>();
    influentialFacts(entry.item.when, CAN_HOLD | CAN_FAIL, look, facts);
    for (const fact of facts) shares.set(fact, [...(shares.get(fact) ?? []), { item: entry.index, share: 1 / facts.size }]);
  }
  const ranked: RankedQuestion[] = [];
  for (const def of FACTS) {
    if (profile[def.name] !== undefined || settled.has(def.name)) continue;
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

const DECLARATION_ORDER = new Map(FACTS.map((def, index) => [def.name, index]));
const TOPIC_INDEX = new Map(CHECKLIST_TOPICS.flatMap((topic, index) => topic.facts.map((fact) => [fact, index] as const)));

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
  const ticks = ranked.filter((question) => isTickable(FACT_BY_NAME.get(question.fact)!));
  const single = ticks.length < MIN_CHECKLIST ? ranked[0] : ranked.find((question) => !ticks.includes(question));
  if (ticks.length < MIN_CHECKLIST) return single ? { kind: 'fact', fact: single.fact } : null;
  // Grouped by topic for reading (the sort is stable: best first within a topic); a fact without one comes last.
  const topicOf = (fact: string) => TOPIC_INDEX.get(fact) ?? CHECKLIST_TOPICS.length;
  const checklist: NextQuestion = { kind: 'checklist', facts: ticks.map((question) => question.fact).sort((a, b) => topicOf(a) - topicOf(b)) };
  if (!single) return checklist;
  const score = ticks.reduce((sum, question) => sum + question.score, 0);
  const order = (fact: string) => DECLARATION_ORDER.get(fact)!;
  const first = Math.min(...checklist.facts.map(order));
  return score > single.score || (score === single.score && first < order(single.fact)) ? checklist : { kind: 'fact', fact: single.fact };
}
