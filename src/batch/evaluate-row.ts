import { byValue, totalOf, type CompiledItem, type CompiledPolicy } from '../engine/evaluate.js';
import type { Profile } from '../facts/facts.js';
import { compileClassifier } from './compile-classifier.js';

/**
 * What `check` decides for one profile, without the explanations: the batch's hot path.
 * The evaluator reuses one result for every row: read it before evaluating the next row.
 */
export interface RowResult {
  /** Eligible items in policy order (measure, then item). */
  readonly eligible: CompiledItem[];
  /** Each eligible item's estimate in yuan, null when it cannot be computed; parallel to `eligible`. */
  readonly estimates: (number | null)[];
  readonly undetermined: CompiledItem[];
  /** The same two sets as bits, item index i at bit i % 32 of word i / 32: for writers that look lists up. */
  readonly eligibleBits: Int32Array;
  readonly undeterminedBits: Int32Array;
  totalEstimateCNY: number;
}

type Item = CompiledItem['item'];
type Estimated = { recipient: Item['recipient']; amount: Item['amount']; measure: number; id: string; estimateCNY: number };

/** Calls `visit` with the index of every set bit, in ascending order. */
function forEachBit(bits: Int32Array, visit: (index: number) => void): void {
  for (let word = 0; word < bits.length; word++) {
    let value = bits[word]!;
    while (value !== 0) {
      const low = value & -value;
      visit(word * 32 + 31 - Math.clz32(low));
      value ^= low;
    }
  }
}

/** Compiles the policy once for a batch; the returned function evaluates one profile as of `asOf`. */
export function rowEvaluator(compiled: CompiledPolicy, asOf: string): (profile: Profile) => RowResult {
  const classify = compileClassifier(compiled, asOf);
  const status = new Uint8Array(compiled.items.length);
  const items = compiled.items;
  const words = Math.ceil(items.length / 32);
  const result: RowResult = { eligible: [], estimates: [], undetermined: [], eligibleBits: new Int32Array(words), undeterminedBits: new Int32Array(words), totalEstimateCNY: 0 };
  const { eligible, estimates, undetermined } = result;
  let profile: Profile = {};
  // Items without an estimate add nothing to the total, so only the others go through totalOf.
  let estimated: Estimated[] = [];
  const addEligible = (i: number): void => {
    const entry = items[i]!;
    const estimateCNY = entry.estimate(profile);
    eligible.push(entry);
    estimates.push(estimateCNY);
    if (estimateCNY !== null) {
      const { recipient, amount, measure, id } = entry.item;
      estimated.push({ recipient, amount, measure, id, estimateCNY });
    }
  };
  const addUndetermined = (i: number): void => {
    undetermined.push(items[i]!);
  };
  return (row) => {
    profile = row;
    classify(profile, status, result.eligibleBits, result.undeterminedBits);
    eligible.length = 0;
    estimates.length = 0;
    undetermined.length = 0;
    if (estimated.length > 0) estimated = [];
    forEachBit(result.eligibleBits, addEligible);
    forEachBit(result.undeterminedBits, addUndetermined);
    // Summed in the order check sums them, so that the total is the same to the last bit (with two or fewer
    // terms the order cannot matter).
    if (estimated.length > 2) estimated.sort(byValue);
    result.totalEstimateCNY = estimated.length > 0 ? totalOf(estimated, profile.applicantType) : 0;
    return result;
  };
}
