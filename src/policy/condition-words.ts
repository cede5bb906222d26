import type { ConditionInput, Threshold } from './schema.js';

/** A threshold as written in the policy: a number, or a parameter the document leaves to local rules. */
export function describeThreshold(threshold: Threshold): string {
  return typeof threshold === 'number' ? String(threshold) : `{${threshold.param}}`;
}

/**
 * The test of a comparison, without its fact: ">= 6", "= true", "in [micro, small]", "between 1 and 3".
 * `show` writes a threshold: as the policy has it by default, or with supplied parameters resolved.
 */
export function describeTest(node: ConditionInput, show: (threshold: Threshold) => string = describeThreshold): string {
  if (node.equals !== undefined) return `= ${String(node.equals)}`;
  if (node.is !== undefined) return `= ${String(node.is)}`;
  if (node.in !== undefined) return `in [${node.in.join(', ')}]`;
  if (node.gte !== undefined) return `>= ${show(node.gte)}`;
  if (node.gt !== undefined) return `> ${show(node.gt)}`;
  if (node.lte !== undefined) return `<= ${show(node.lte)}`;
  if (node.lt !== undefined) return `< ${show(node.lt)}`;
  if (node.between !== undefined) return `between ${show(node.between[0])} and ${show(node.between[1])}`;
  return '?';
}

/** A condition tree in one line: "all of (softwareSector = true; socialInsuranceMonths >= 6)". */
export function describeCondition(node: ConditionInput): string {
  if (node.all) return `all of (${node.all.map(describeCondition).join('; ')})`;
  if (node.any) return `any of (${node.any.map(describeCondition).join('; ')})`;
  if (node.not) return `not (${describeCondition(node.not)})`;
  return `${node.fact} ${describeTest(node)}`;
}

const NEGATED: Partial<Record<string, string>> = { '>=': '<', '>': '<=', '<=': '>', '<': '>=', '=': '≠', in: 'not in' };

/** One comparison with its fact, negated when it stands under a not: "socialInsuranceMonths < 6". */
export function describeComparison(node: ConditionInput, negated = false): string {
  const test = describeTest(node);
  if (!negated) return `${node.fact} ${test}`;
  const [operator = '', ...rest] = test.split(' ');
  const opposite = NEGATED[operator];
  return opposite ? `${node.fact} ${[opposite, ...rest].join(' ')}` : `not (${node.fact} ${test})`;
}
