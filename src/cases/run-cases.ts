import { compilePolicy, evaluate, type CheckResult, type CompiledPolicy, type Reason } from '../engine/evaluate.js';
import type { Params, Readings } from '../engine/condition.js';
import type { PolicySet } from '../policy/policy-set.js';
import { STATUSES, type ItemStatus } from './case-schema.js';
import type { LocatedCase } from './load-cases.js';

/** Why the engine put an item where it did: the unmet comparisons, the facts or parameters missing, or what replaced it. */
export interface Why {
  held: Reason[];
  unmet: Reason[];
  missing: string[];
  missingParams: string[];
  supersededBy: string | null;
}

export type CaseCheck =
  | { kind: 'status'; id: string; passed: boolean; expected: ItemStatus; actual: ItemStatus; why: Why }
  | { kind: 'estimate'; id: string; passed: boolean; expected: number | null; actual: number | null; status: ItemStatus; why: Why }
  | { kind: 'total'; passed: boolean; expected: number; actual: number };

export interface CaseOutcome {
  file: string;
  line: number | null;
  index: number;
  name: string;
  description: string | null;
  asOf: string;
  passed: boolean;
  checks: CaseCheck[];
}

export interface CaseRun {
  passed: number;
  failed: number;
  cases: CaseOutcome[];
}

/** What a case is compiled with: its parameters and the readings it puts in force. */
export type Compile = (params: Params, readings?: Readings) => CompiledPolicy;

/** Compiles the policy once per distinct set of case parameters and readings; `base` readings under the case's own. */
export function compilerFor(set: PolicySet, base: Readings = {}): Compile {
  const cache = new Map<string, CompiledPolicy>();
  const sorted = (record: object) => Object.entries(record).sort(([a], [b]) => a.localeCompare(b));
  return (params, readings = {}) => {
    const chosen = { ...base, ...readings };
    const key = JSON.stringify([sorted(params), sorted(chosen)]);
    let compiled = cache.get(key);
    if (!compiled) cache.set(key, (compiled = compilePolicy(set, params, chosen)));
    return compiled;
  };
}

interface Placed {
  status: ItemStatus;
  estimate: number | null;
  why: Why;
}

function placements(result: CheckResult): Map<string, Placed> {
  const placed = new Map<string, Placed>();
  const none = { unmet: [], missing: [], missingParams: [], supersededBy: null };
  for (const item of result.eligible) placed.set(item.id, { status: 'eligible', estimate: item.estimateCNY, why: { ...none, held: item.held } });
  for (const item of result.undetermined) {
    placed.set(item.id, { status: 'undetermined', estimate: null, why: { ...none, held: item.held, missing: item.missing, missingParams: item.missingParams } });
  }
  for (const item of result.ineligible) {
    placed.set(item.id, { status: 'ineligible', estimate: null, why: { ...none, held: item.held, unmet: item.unmet, supersededBy: item.supersededBy ?? null } });
  }
  return placed;
}

// Estimates are rounded to the fen by the engine; a smaller difference is rounding, not a change.
const sameYuan = (a: number | null, b: number | null) => (a === null || b === null ? a === b : Math.abs(a - b) < 0.005);

/** Runs one case: evaluates its profile at its date and compares every expectation it states. Pure. */
export function runCase(entry: LocatedCase, compile: Compile): { outcome: CaseOutcome; result: CheckResult } {
  const result = evaluate(compile(entry.params, entry.readings), entry.profile, entry.asOf);
  const placed = placements(result);
  const checks: CaseCheck[] = [];
  for (const expected of STATUSES) {
    for (const id of entry.expect[expected] ?? []) {
      const actual = placed.get(id);
      if (!actual) continue; // an id no policy item has is an input error, reported before the run
      checks.push({ kind: 'status', id, passed: actual.status === expected, expected, actual: actual.status, why: actual.why });
    }
  }
  for (const [id, expected] of Object.entries(entry.expect.estimates ?? {})) {
    const actual = placed.get(id);
    if (!actual) continue;
    checks.push({ kind: 'estimate', id, passed: sameYuan(expected, actual.estimate), expected, actual: actual.estimate, status: actual.status, why: actual.why });
  }
  if (entry.expect.total !== undefined) {
    checks.push({ kind: 'total', passed: sameYuan(entry.expect.total, result.totalEstimateCNY), expected: entry.expect.total, actual: result.totalEstimateCNY });
  }
  const outcome: CaseOutcome = {
    file: entry.file,
    line: entry.line ?? null,
    index: entry.index,
    name: entry.name,
    description: entry.description ?? null,
    asOf: entry.asOf,
    passed: checks.every((check) => check.passed),
    checks,
  };
  return { outcome, result };
}

/**
 * Runs every case against one policy set. Pure: cases carry their own dates, parameters and readings; `readings`
 * (--reading) are put in force under each case's own.
 */
export function runCases(set: PolicySet, cases: readonly LocatedCase[], readings: Readings = {}): CaseRun {
  const compile = compilerFor(set, readings);
  const outcomes = cases.map((entry) => runCase(entry, compile).outcome);
  const failed = outcomes.filter((outcome) => !outcome.passed).length;
  return { passed: outcomes.length - failed, failed, cases: outcomes };
}
