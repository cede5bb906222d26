import { foldCondition, leafOf } from './condition-walk.js';
import { showThreshold, specOf, type Leaf, type Show } from './operators.js';
import type { ConditionInput } from './schema.js';

export { showThreshold as describeThreshold };

/**
 * The test of a comparison, without its fact: ">= 6", "= true", "in [micro, small]", "between 1 and 3", negated
 * when it stands under a not: "< 6". `show` writes a threshold: as the policy has it, or with parameters resolved.
 */
export function describeLeafTest(leaf: Leaf, show: Show = showThreshold, negated = false): string {
  const spec = specOf(leaf) as { symbol(arg: unknown, show: Show): string; negatedSymbol(arg: unknown, show: Show): string };
  return negated ? spec.negatedSymbol(leaf.arg, show) : spec.symbol(leaf.arg, show);
}

/** The test of a comparison node, without its fact. */
export function describeTest(node: ConditionInput, show: Show = showThreshold): string {
  return describeLeafTest(leafOf(node), show);
}

/** A condition tree in one line: "all of (softwareSector = true; socialInsuranceMonths >= 6)". */
export function describeCondition(node: ConditionInput): string {
  return foldCondition<string>(node, {
    group: (kind, children) => `${kind} of (${children.join('; ')})`,
    not: (child) => `not (${child})`,
    compare: (leaf) => `${leaf.fact} ${describeLeafTest(leaf)}`,
  });
}

/** One comparison with its fact, negated when it stands under a not: "socialInsuranceMonths < 6". */
export function describeComparison(leaf: Leaf, negated = false): string {
  return `${leaf.fact} ${describeLeafTest(leaf, showThreshold, negated)}`;
}
