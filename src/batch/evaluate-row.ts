import { TRUE, UNKNOWN } from '../engine/condition.js';
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

/** Compiles the policy once for a batch; the returned function evaluates one profile as of `asOf`. */
export function rowEvaluator(compiled: CompiledPolicy, asOf: string): (profile: Profile) => RowResult {
  const classify = compileClassifier(compiled, asOf);
  const status = new Uint8Array(compiled.items.length);
  const items = compiled.items;
  const words = Math.ceil(items.length / 32);
  const result: RowResult = { eligible: [], estimates: [], undetermined: [], eligibleBits: new Int32Array(words), undeterminedBits: new Int32Array(words), totalEstimateCNY: 0 };
  return (profile) => {
    classify(profile, status);
    const { eligible, estimates, undetermined, eligibleBits, undeterminedBits } = result;
    eligible.length = 0;
    estimates.length = 0;
    undetermined.length = 0;
    eligibleBits.fill(0);
    undeterminedBits.fill(0);
    // Items without an estimate add nothing to the total, so only the others go through totalOf.
    let estimated: Estimated[] | null = null;
    for (let i = 0; i < items.length; i++) {
      const truth = status[i];
      if (truth === TRUE) {
        const entry = items[i]!;
        const estimateCNY = entry.estimate(profile);
        eligible.push(entry);
        estimates.push(estimateCNY);
        eligibleBits[i >>> 5]! |= 1 << (i & 31);
        if (estimateCNY !== null) {
          const { recipient, amount, measure, id } = entry.item;
          (estimated ??= []).push({ recipient, amount, measure, id, estimateCNY });
        }
      } else if (truth === UNKNOWN) {
        undetermined.push(items[i]!);
        undeterminedBits[i >>> 5]! |= 1 << (i & 31);
      }
    }
    // Summed in the order check sums them, so that the total is the same to the last bit (with two or fewer
    // terms the order cannot matter).
    if (estimated && estimated.length > 2) estimated.sort(byValue);
    result.totalEstimateCNY = estimated ? totalOf(estimated, profile.applicantType) : 0;
    return result;
  };
}
