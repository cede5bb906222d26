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

/** The lowest set bit's index of a 32-bit word. */
const lowestBit = (word: number): number => 31 - Math.clz32(word & -word);

/**
 * Compiles the policy once for a batch; the returned function evaluates one profile as of `asOf`. `facts`, when
 * given, are the only facts the profiles can have (a CSV's columns): the others are unknown in every row.
 */
export function rowEvaluator(compiled: CompiledPolicy, asOf: string, facts?: readonly string[]): (profile: Profile) => RowResult {
  const classify = compileClassifier(compiled, asOf, facts && new Set(facts));
  const status = new Uint8Array(compiled.items.length);
  const items = compiled.items;
  const words = Math.ceil(items.length / 32);
  const eligibleBits = new Int32Array(words);
  const undeterminedBits = new Int32Array(words);
  // The undetermined items as a list only for the writers that ask (ndjson): the csv writer reads the bits.
  const undetermined: CompiledItem[] = [];
  let listed = true;
  // Fresh lists per row: emptying an array (length = 0) is a runtime call, slower than a new small array.
  const result: { -readonly [K in keyof RowResult]: RowResult[K] } = {
    eligible: [],
    estimates: [],
    get undetermined() {
      if (!listed) {
        listed = true;
        undetermined.length = 0;
        for (let word = 0; word < words; word++) {
          for (let bits = undeterminedBits[word]!; bits !== 0; bits &= bits - 1) undetermined.push(items[word * 32 + lowestBit(bits)]!);
        }
      }
      return undetermined;
    },
    eligibleBits,
    undeterminedBits,
    totalEstimateCNY: 0,
  };
  return (profile) => {
    classify(profile, status, eligibleBits, undeterminedBits);
    listed = false;
    const eligible: CompiledItem[] = [];
    const estimates: (number | null)[] = [];
    const estimated: Estimated[] = [];
    result.eligible = eligible;
    result.estimates = estimates;
    for (let word = 0; word < words; word++) {
      for (let bits = eligibleBits[word]!; bits !== 0; bits &= bits - 1) {
        const entry = items[word * 32 + lowestBit(bits)]!;
        const estimateCNY = entry.estimate(profile);
        eligible.push(entry);
        estimates.push(estimateCNY);
        // Items without an estimate add nothing to the total, so only the others go through totalOf.
        if (estimateCNY !== null) {
          const { recipient, amount, measure, id } = entry.item;
          estimated.push({ recipient, amount, measure, id, estimateCNY });
        }
      }
    }
    // Summed in the order check sums them, so that the total is the same to the last bit (with two or fewer
    // terms the order cannot matter).
    if (estimated.length > 2) estimated.sort(byValue);
    result.totalEstimateCNY = estimated.length > 0 ? totalOf(estimated, profile.applicantType) : 0;
    return result;
  };
}
