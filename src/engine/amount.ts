import type { Profile } from '../facts/facts.js';
import type { AmountInput } from '../policy/schema.js';
import type { Params } from './condition.js';

export type Estimator = (profile: Profile) => number | null;

/**
 * How an item's sum is estimated, as data, for every evaluator (the closures below and the SQL compiler):
 * none; a constant; a fact (a number of months) times a monthly figure; or a fact times a rate, rounded to the fen
 * and capped (see `rated`).
 */
export type EstimatePlan =
  | { kind: 'none' }
  | { kind: 'constant'; value: number }
  | { kind: 'times'; fact: string; factor: number }
  | { kind: 'rate'; fact: string; rate: number; cap: number | null };

/** base × rate rounded to the fen (half up, as Math.round), never above the cap. */
export function rated(base: number, rate: number, cap: number | null): number {
  const value = Math.round(base * rate * 100) / 100;
  return cap === null ? value : Math.min(value, cap);
}

/**
 * The estimate of an amount: fixed → the sum; per-month → monthly rate × months; a rate or a locally set base →
 * base × rate, never above the stated cap. Caps, ranges and loans alone give no estimate: the actual figure is
 * decided elsewhere. A base parameter that is not supplied gives none.
 */
export function estimatePlan(amount: AmountInput | null, params: Params): EstimatePlan {
  if (!amount) return { kind: 'none' };
  const cap = amount.cny;
  if (amount.kind === 'fixed') return { kind: 'constant', value: cap! };
  if (amount.kind === 'per-month') return { kind: 'times', fact: amount.months!.fact, factor: cap! };
  const base = amount.base;
  if (!base || amount.loan) return { kind: 'none' };
  const rate = amount.rate ?? 1;
  if ('param' in base) {
    const value = params[base.param];
    return value === undefined ? { kind: 'none' } : { kind: 'constant', value: rated(value, rate, cap) };
  }
  return { kind: 'rate', fact: base.fact, rate, cap };
}

const NO_ESTIMATE: Estimator = () => null;

/** The estimator of an amount (see estimatePlan), compiled once. */
export function compileEstimator(amount: AmountInput | null, params: Params): Estimator {
  const plan = estimatePlan(amount, params);
  switch (plan.kind) {
    case 'none':
      return NO_ESTIMATE;
    case 'constant':
      return () => plan.value;
    case 'times':
      return (profile) => {
        const months = profile[plan.fact];
        return typeof months === 'number' ? plan.factor * months : null;
      };
    case 'rate':
      return (profile) => {
        const base = profile[plan.fact];
        return typeof base === 'number' ? rated(base, plan.rate, plan.cap) : null;
      };
  }
}

/** Whether the estimator `compileEstimator` makes for the amount reads facts (otherwise any profile gives the same). */
export function estimateReadsFacts(amount: AmountInput | null): boolean {
  const kind = estimatePlan(amount, {}).kind;
  return kind === 'times' || kind === 'rate';
}

/** The parameters an amount needs that were not supplied. */
export function missingAmountParams(amount: AmountInput | null, params: Params): string[] {
  const base = amount?.base;
  return base && 'param' in base && params[base.param] === undefined ? [base.param] : [];
}
