import { estimateReadsFacts } from '../engine/amount.js';
import { reasonsOf, traceCondition } from '../engine/condition.js';
import { byValue, totalOf, type CompiledItem, type CompiledPolicy } from '../engine/evaluate.js';
import { factNamed, type Profile } from '../facts/facts.js';
import { compileCodedClassifier, compileComparisonStates } from './compile-classifier.js';
import { profileMaker } from './row-coder.js';

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
  readonly totalEstimateCNY: number;
  /** The row's facts (for a coded row, built when first asked for). */
  readonly profile: Profile;
  /** The facts an undetermined item still needs, as `check` lists them. */
  missingFacts(entry: CompiledItem): readonly string[];
}

type Item = CompiledItem['item'];
type Estimated = { recipient: Item['recipient']; amount: Item['amount']; measure: number; id: string; estimateCNY: number };

/** Answers remembered per item: few comparison states occur, but nothing may grow with the file. */
const MISSING_MEMO_LIMIT = 4096;

/**
 * The facts an undetermined item still needs follow from the states of its comparisons alone (which held, which
 * failed, which are unknown and why), so each item's answer is worked out once per state, by traceCondition and
 * reasonsOf exactly as `check` does, and remembered.
 */
function missingFactsOf(
  compiled: CompiledPolicy,
  columns: readonly string[],
  profileOf: () => Profile,
): (entry: CompiledItem, codes: Float64Array, offset: number) => readonly string[] {
  let states: ReturnType<typeof compileComparisonStates> | null = null;
  const memo = compiled.items.map(() => new Map<number, readonly string[]>());
  const workOut = (entry: CompiledItem) => Object.freeze(reasonsOf(traceCondition(entry.item.when, profileOf(), compiled.params, compiled.readings)).missing);
  return (entry, codes, offset) => {
    // Compiled when first asked for: only the ndjson writer asks.
    states ??= compileComparisonStates(compiled, columns, factLookup(compiled));
    const stateOf = states[entry.index];
    if (!stateOf) return workOut(entry);
    const key = stateOf(codes, offset);
    let facts = memo[entry.index]!.get(key);
    if (facts === undefined) {
      facts = workOut(entry);
      if (memo[entry.index]!.size < MISSING_MEMO_LIMIT) memo[entry.index]!.set(key, facts);
    }
    return facts;
  };
}

/** The policy set's declared facts by name. */
const factLookup = (compiled: CompiledPolicy) => (name: string) => factNamed(compiled.set.facts, name);

/** The lowest set bit's index of a 32-bit word. */
const lowestBit = (word: number): number => 31 - Math.clz32(word & -word);

const NO_FACTS: Profile = Object.freeze({});

/**
 * One reusable result, filled from the classifier's bits: eligible items with their estimates and the total.
 * `profileOf` gives the row's facts; it is called only when an eligible item's estimate reads facts.
 */
class RowOutcome implements RowResult {
  eligible: CompiledItem[] = [];
  estimates: (number | null)[] = [];
  readonly eligibleBits: Int32Array;
  readonly undeterminedBits: Int32Array;
  totalEstimateCNY = 0;
  readonly status: Uint8Array;
  private readonly list: CompiledItem[] = [];
  private listed = true;
  private readonly readsFacts: boolean[];

  constructor(
    private readonly items: readonly CompiledItem[],
    private readonly profileOf: () => Profile,
    /** See RowResult.missingFacts. */
    readonly missingFacts: (entry: CompiledItem) => readonly string[],
  ) {
    const words = Math.ceil(items.length / 32);
    this.eligibleBits = new Int32Array(words);
    this.undeterminedBits = new Int32Array(words);
    this.status = new Uint8Array(items.length);
    this.readsFacts = items.map((entry) => estimateReadsFacts(entry.item.amount));
  }

  get profile(): Profile {
    return this.profileOf();
  }

  // The undetermined items as a list only for the writers that ask (ndjson): the csv writer reads the bits.
  get undetermined(): CompiledItem[] {
    if (!this.listed) {
      this.listed = true;
      this.list.length = 0;
      for (let word = 0; word < this.undeterminedBits.length; word++) {
        for (let bits = this.undeterminedBits[word]!; bits !== 0; bits &= bits - 1) this.list.push(this.items[word * 32 + lowestBit(bits)]!);
      }
    }
    return this.list;
  }

  /** Reads the bits the classifier has just written. */
  collect(applicantType: unknown): this {
    this.listed = false;
    // Fresh lists per row: emptying an array (length = 0) is a runtime call, slower than a new small array.
    const eligible: CompiledItem[] = [];
    const estimates: (number | null)[] = [];
    let estimated: Estimated[] | null = null;
    for (let word = 0; word < this.eligibleBits.length; word++) {
      for (let bits = this.eligibleBits[word]!; bits !== 0; bits &= bits - 1) {
        const index = word * 32 + lowestBit(bits);
        const entry = this.items[index]!;
        const estimateCNY = entry.estimate(this.readsFacts[index] ? this.profileOf() : NO_FACTS);
        eligible.push(entry);
        estimates.push(estimateCNY);
        // Items without an estimate add nothing to the total, so only the others go through totalOf.
        if (estimateCNY !== null) {
          const { recipient, amount, measure, id } = entry.item;
          (estimated ??= []).push({ recipient, amount, measure, id, estimateCNY });
        }
      }
    }
    this.eligible = eligible;
    this.estimates = estimates;
    // Summed in the order check sums them, so that the total is the same to the last bit (with two or fewer
    // terms the order cannot matter).
    if (estimated && estimated.length > 2) estimated.sort(byValue);
    this.totalEstimateCNY = estimated ? totalOf(estimated, applicantType) : 0;
    return this;
  }
}

/**
 * Compiles the policy once for a batch of coded rows (see CodedRow) whose columns are `columns` (fact names, in
 * order); the returned function evaluates one row as of `asOf`. The row is decided on its codes, and its profile is
 * built only when an estimate or a writer needs it. Facts the columns lack are unknown in every row.
 */
export function codedRowEvaluator(compiled: CompiledPolicy, asOf: string, columns: readonly string[]): (codes: Float64Array, offset: number) => RowResult {
  const facts = factLookup(compiled);
  const classify = compileCodedClassifier(compiled, asOf, columns, facts);
  const makeProfile = profileMaker(columns.map((fact) => facts(fact)!), true);
  const applicantColumn = columns.indexOf('applicantType');
  const applicantTypes = facts('applicantType');
  const typeNames = applicantTypes?.type === 'enum' ? applicantTypes.values : [];
  let codes: Float64Array = new Float64Array(0);
  let offset = 0;
  let profile: Profile | null = null;
  const profileOf = () => (profile ??= makeProfile(codes, offset));
  const missingFacts = missingFactsOf(compiled, columns, profileOf);
  const outcome = new RowOutcome(compiled.items, profileOf, (entry) => missingFacts(entry, codes, offset));
  return (rowCodes, rowOffset) => {
    codes = rowCodes;
    offset = rowOffset;
    profile = null;
    classify(codes, offset, outcome.status, outcome.eligibleBits, outcome.undeterminedBits);
    const type = applicantColumn < 0 ? Number.NaN : codes[offset + applicantColumn]!;
    return outcome.collect(type === type ? typeNames[type] : undefined);
  };
}
