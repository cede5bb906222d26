import { OPERATOR_NAMES, testsReading, type GroupName, type Leaf } from './operators.js';
import type { ConditionInput } from './schema.js';

/** Where a node stands in its tree, as YAML paths have it: ['all', 2, 'any', 0], ['not']. */
export type ConditionPath = readonly (string | number)[];

/**
 * What a walk makes of each kind of node. Children are folded first and handed over as results; a visitor that
 * needs to decide whether and in what order to look at children (short-circuits, a context flowing down) makes
 * its result a function and calls the children's.
 */
export interface ConditionVisitor<R> {
  group(kind: GroupName, children: R[], path: ConditionPath, node: ConditionInput): R;
  not(child: R, path: ConditionPath, node: ConditionInput): R;
  compare(leaf: Leaf, path: ConditionPath, node: ConditionInput): R;
}

/** A validated comparison node as its fact, operator and argument. */
export function leafOf(node: ConditionInput): Leaf {
  if (node.reading !== undefined) return { fact: node.reading, op: 'reading', arg: node.is as string };
  const op = OPERATOR_NAMES.find((name) => node[name] !== undefined)!;
  return { fact: node.fact!, op, arg: node[op] } as Leaf;
}

/** Which kind of node this is. */
export function kindOf(node: ConditionInput): GroupName | 'not' | 'compare' {
  return node.all ? 'all' : node.any ? 'any' : node.not ? 'not' : 'compare';
}

/** The one walk of a condition tree (all / any / not over comparisons): every use of the tree goes through it. */
export function foldCondition<R>(node: ConditionInput, visitor: ConditionVisitor<R>, path: ConditionPath = []): R {
  const kind = kindOf(node);
  if (kind === 'compare') return visitor.compare(leafOf(node), path, node);
  if (kind === 'not') return visitor.not(foldCondition(node.not!, visitor, [...path, 'not']), path, node);
  return visitor.group(kind, node[kind]!.map((child, i) => foldCondition(child, visitor, [...path, kind, i])), path, node);
}

/** Every comparison of a tree in order, with where it stands and whether an odd number of `not`s is above it. */
export function leavesOf(node: ConditionInput): { leaf: Leaf; path: ConditionPath; negated: boolean; node: ConditionInput }[] {
  type Found = { leaf: Leaf; path: ConditionPath; negated: boolean; node: ConditionInput }[];
  return foldCondition<Found>(node, {
    group: (_kind, children) => children.flat(),
    not: (child) => child.map((found) => ({ ...found, negated: !found.negated })),
    compare: (leaf, path, at) => [{ leaf, path, negated: false, node: at }],
  });
}

/** Every fact a condition tree mentions, in the order it mentions them (a reading is not a fact of the profile). */
export function factsOf(node: ConditionInput): string[] {
  return [...new Set(leavesOf(node).flatMap((found) => (testsReading(found.leaf) ? [] : [found.leaf.fact])))];
}

/** Every reading a condition tree tests, in the order it tests them. */
export function readingsOf(node: ConditionInput): string[] {
  return [...new Set(leavesOf(node).flatMap((found) => (testsReading(found.leaf) ? [found.leaf.fact] : [])))];
}
