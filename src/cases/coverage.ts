import { classify, exclusionOf } from '../engine/evaluate.js';
import { FALSE, traceCondition, TRUE, type Readings, type Trace } from '../engine/condition.js';
import { foldCondition } from '../policy/condition-walk.js';
import { describeCondition } from '../policy/condition-words.js';
import type { PolicySet } from '../policy/policy-set.js';
import type { ConditionInput } from '../policy/schema.js';
import type { LocatedCase } from './load-cases.js';
import { compilerFor } from './run-cases.js';

/** A place in an item's conditions that should be seen both holding and failing. */
export interface Branch {
  item: string;
  /** Where it stands in the item, e.g. "when.all.2.any.0". */
  path: string;
  condition: string;
  held: boolean;
  failed: boolean;
}

export interface Coverage {
  cases: number;
  items: number;
  /** Items no case makes eligible. */
  neverEligible: string[];
  /** Items no case rules out by their own conditions or validity window (a different applicant type does not count). */
  neverRuledOut: string[];
  branches: number;
  /** Branches not seen both holding and failing, in policy order. */
  uncoveredBranches: Branch[];
}

/** Every comparison, and every alternative of an `any`, as a branch, in tree order. */
function branchesOf(item: string, when: ConditionInput): Branch[] {
  type Collect = (into: Branch[], anyChild: boolean) => void;
  const at = (path: readonly (string | number)[]) => ['when', ...path].join('.');
  const own = (into: Branch[], path: readonly (string | number)[], node: ConditionInput) =>
    into.push({ item, path: at(path), condition: describeCondition(node), held: false, failed: false });
  const collect = foldCondition<Collect>(when, {
    group: (kind, children, path, node) => (into, anyChild) => {
      if (anyChild) own(into, path, node);
      for (const child of children) child(into, kind === 'any');
    },
    not: (child, path, node) => (into, anyChild) => {
      if (anyChild) own(into, path, node);
      child(into, false);
    },
    compare: (_leaf, path, node) => (into) => own(into, path, node),
  });
  const branches: Branch[] = [];
  collect(branches, false);
  return branches;
}

function statusesOf(trace: Trace, path: string, into: Map<string, Trace['status']>): void {
  into.set(path, trace.status);
  if (trace.kind === 'all' || trace.kind === 'any') trace.children.forEach((child, i) => statusesOf(child, `${path}.${trace.kind}.${i}`, into));
  else if (trace.kind === 'not') statusesOf(trace.child, `${path}.not`, into);
}

/**
 * Which items the cases make eligible and rule out, and which comparisons and `any` alternatives they see both
 * holding and failing. A branch counts only in cases where the item is judged on its conditions at all
 * (the right applicant type, within its validity window). Pure.
 */
export function coverageOf(set: PolicySet, cases: readonly LocatedCase[], readings: Readings = {}): Coverage {
  const compile = compilerFor(set, readings);
  const eligible = new Set<string>();
  const ruledOut = new Set<string>();
  const branches = new Map<string, Branch[]>();
  for (const item of set.items) {
    branches.set(item.id, branchesOf(item.id, item.when));
  }
  for (const entry of cases) {
    const compiled = compile(entry.params, entry.readings);
    const status = classify(compiled, entry.profile, entry.asOf);
    for (const compiledItem of compiled.items) {
      const { item } = compiledItem;
      const exclusion = exclusionOf(compiledItem, entry.profile, entry.asOf, set.document.issued);
      if (status[compiledItem.index] === TRUE) eligible.add(item.id);
      if (exclusion === 'validity' || (exclusion === null && compiledItem.test(entry.profile) === FALSE)) ruledOut.add(item.id);
      if (exclusion !== null) continue;
      const statuses = new Map<string, Trace['status']>();
      statusesOf(traceCondition(item.when, entry.profile, compiled.params, compiled.readings), 'when', statuses);
      for (const branch of branches.get(item.id)!) {
        const seen = statuses.get(branch.path);
        if (seen === 'held') branch.held = true;
        else if (seen === 'failed') branch.failed = true;
      }
    }
  }
  const all = [...branches.values()].flat();
  return {
    cases: cases.length,
    items: set.items.length,
    neverEligible: set.items.filter((item) => !eligible.has(item.id)).map((item) => item.id),
    neverRuledOut: set.items.filter((item) => !ruledOut.has(item.id)).map((item) => item.id),
    branches: all.length,
    uncoveredBranches: all.filter((branch) => !branch.held || !branch.failed),
  };
}
