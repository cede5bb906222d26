import type { Profile } from '../facts/facts.js';
import type { AmountInput, ConditionInput } from '../policy/schema.js';
import { reasonsOf, traceCondition, type Params, type Reasons, type Trace } from './condition.js';
import { classify, compilePolicy, evaluate, type CompiledItem, type CompiledPolicy, type EligibleItem, type IneligibleItem, type UndeterminedItem } from './evaluate.js';
import { readingsOf } from '../policy/condition-walk.js';
import type { Label } from '../policy/schema.js';
import { FALSE as NO, TRUE as YES } from './condition.js';
import { nearMissOf, type NearMiss } from './what-if.js';

export type ItemStatus = 'eligible' | 'undetermined' | 'ineligible';

/**
 * How the item's sum is worked out from the facts, mirroring compileEstimator: the inputs it reads and the estimate
 * it gave. `method` says which rule applied; `no-estimate` means the figure is decided elsewhere (a cap, a range,
 * actual costs, local rules).
 */
export interface AmountExplanation {
  method: 'non-monetary' | 'fixed' | 'per-month' | 'rate' | 'loan' | 'no-estimate';
  stated: AmountInput | null;
  estimateCNY: number | null;
  months?: { fact: string; value: number | null };
  base?: { fact: string; value: number | null } | { param: string; value: number | null };
  rate?: number;
  capCNY?: number | null;
  /** The base × rate came out above the cap, so the cap is the estimate. */
  capped?: boolean;
}

/**
 * A reading the item's outcome may depend on: one its condition tests, or one under another option of which the
 * item's status would differ (through an item that supersedes it, say). `alternatives` gives the status under each
 * other option, the rest of the run as it is.
 */
export interface ReadingEffect {
  id: string;
  question: Label;
  inForce: { option: string; label: Label };
  alternatives: { option: string; label: Label; status: ItemStatus; estimateCNY: number | null }[];
}

export interface Explanation {
  item: EligibleItem | UndeterminedItem | IneligibleItem;
  status: ItemStatus;
  asOf: string;
  /** The item's condition as the policy writes it; `trace` follows it node by node. */
  condition: ConditionInput;
  trace: Trace;
  reasons: Reasons;
  amount: AmountExplanation;
  /** The readings the outcome depends on (see ReadingEffect); empty when none does. */
  readings: ReadingEffect[];
  nearMiss?: NearMiss;
}

const STATUS_OF = (truth: number): ItemStatus => (truth === YES ? 'eligible' : truth === NO ? 'ineligible' : 'undetermined');

/** For each reading, the item's status under each of its other options; kept when the condition tests it or a status differs. */
export function readingEffects(compiled: CompiledPolicy, profile: Profile, asOf: string, entry: CompiledItem): ReadingEffect[] {
  const tested = new Set(readingsOf(entry.item.when));
  const now = STATUS_OF(classify(compiled, profile, asOf)[entry.index]!);
  return compiled.set.readings.flatMap((reading) => {
    const current = compiled.readings[reading.id] ?? reading.default;
    const alternatives = reading.options
      .filter((option) => option.id !== current)
      .map((option) => {
        const other = compilePolicy(compiled.set, compiled.params, { ...compiled.readings, [reading.id]: option.id });
        const status = STATUS_OF(classify(other, profile, asOf)[entry.index]!);
        return { option: option.id, label: option.label, status, estimateCNY: status === 'eligible' ? other.items[entry.index]!.estimate(profile) : null };
      });
    if (!tested.has(reading.id) && alternatives.every((alternative) => alternative.status === now)) return [];
    const label = reading.options.find((option) => option.id === current)?.label ?? { zh: current, en: current };
    return [{ id: reading.id, question: reading.question, inForce: { option: current, label }, alternatives }];
  });
}

function numberOr(value: unknown): number | null {
  return typeof value === 'number' ? value : null;
}

export function explainAmount(entry: CompiledItem, profile: Profile, params: Params): AmountExplanation {
  const stated = entry.item.amount;
  const estimateCNY = entry.estimate(profile);
  if (!stated) return { method: 'non-monetary', stated, estimateCNY };
  if (stated.kind === 'fixed') return { method: 'fixed', stated, estimateCNY };
  if (stated.kind === 'per-month') {
    const fact = stated.months!.fact;
    return { method: 'per-month', stated, estimateCNY, months: { fact, value: numberOr(profile[fact]) } };
  }
  if (stated.loan) return { method: 'loan', stated, estimateCNY };
  const base = stated.base;
  if (!base) return { method: 'no-estimate', stated, estimateCNY };
  const rate = stated.rate ?? 1;
  const baseValue = 'param' in base ? numberOr(params[base.param]) : numberOr(profile[base.fact]);
  const capCNY = stated.cny;
  return {
    method: 'rate',
    stated,
    estimateCNY,
    base: 'param' in base ? { param: base.param, value: baseValue } : { fact: base.fact, value: baseValue },
    rate,
    capCNY,
    capped: baseValue !== null && capCNY !== null && baseValue * rate > capCNY,
  };
}

/** One item for one profile: its status, the condition tree node by node, why, the amount and what would change it. */
export function explainItem(compiled: CompiledPolicy, profile: Profile, asOf: string, id: string): Explanation | null {
  const entry = compiled.items.find((candidate) => candidate.item.id === id);
  if (!entry) return null;
  const result = evaluate(compiled, profile, asOf);
  const lists: [ItemStatus, (EligibleItem | UndeterminedItem | IneligibleItem)[]][] = [
    ['eligible', result.eligible],
    ['undetermined', result.undetermined],
    ['ineligible', result.ineligible],
  ];
  const [status, item] = lists.flatMap(([name, items]) => items.filter((candidate) => candidate.id === id).map((found) => [name, found] as const))[0]!;
  const trace = traceCondition(entry.item.when, profile, compiled.params, compiled.readings);
  const nearMiss = status === 'eligible' ? null : nearMissOf(compiled, profile, asOf, id);
  return {
    item,
    status,
    asOf,
    condition: entry.item.when,
    trace,
    reasons: reasonsOf(trace),
    amount: explainAmount(entry, profile, compiled.params),
    readings: readingEffects(compiled, profile, asOf, entry),
    ...(nearMiss ? { nearMiss } : {}),
  };
}
