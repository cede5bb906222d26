import type { Profile } from '../facts/facts.js';
import type { AmountInput } from '../policy/schema.js';
import type { Params } from './condition.js';

export type Estimator = (profile: Profile) => number | null;

const NO_ESTIMATE: Estimator = () => null;

function baseReader(amount: AmountInput, params: Params): ((profile: Profile) => number | undefined) | null {
  const base = amount.base;
  if (!base) return null;
  if ('param' in base) {
    const value = params[base.param];
    return () => value;
  }
  return (profile) => {
    const value = profile[base.fact];
    return typeof value === 'number' ? value : undefined;
  };
}

/**
 * How an item's sum is estimated from the facts, compiled once:
 * fixed → the sum; per-month → monthly rate × months; a rate or a locally set base → base × rate,
 * never above the stated cap. Caps, ranges and loans alone give no estimate: the actual figure is decided elsewhere.
 */
export function compileEstimator(amount: AmountInput | null, params: Params): Estimator {
  if (!amount) return NO_ESTIMATE;
  const cap = amount.cny;
  if (amount.kind === 'fixed') return () => cap;
  if (amount.kind === 'per-month') {
    const monthsFact = amount.months!.fact;
    return (profile) => {
      const months = profile[monthsFact];
      return typeof months === 'number' ? cap! * months : null;
    };
  }
  const readBase = baseReader(amount, params);
  if (!readBase || amount.loan) return NO_ESTIMATE;
  const rate = amount.rate ?? 1;
  return (profile) => {
    const base = readBase(profile);
    if (base === undefined) return null;
    const value = Math.round(base * rate * 100) / 100;
    return cap === null ? value : Math.min(value, cap);
  };
}

/** Whether the estimator `compileEstimator` makes for the amount reads facts (otherwise any profile gives the same). */
export function estimateReadsFacts(amount: AmountInput | null): boolean {
  if (!amount || amount.kind === 'fixed') return false;
  if (amount.kind === 'per-month') return true;
  return Boolean(amount.base && !('param' in amount.base) && !amount.loan);
}

/** The parameters an amount needs that were not supplied. */
export function missingAmountParams(amount: AmountInput | null, params: Params): string[] {
  const base = amount?.base;
  return base && 'param' in base && params[base.param] === undefined ? [base.param] : [];
}
