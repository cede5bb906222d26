import type { CompiledPolicy } from '../engine/evaluate.js';
import type { Label } from '../facts/facts.js';
import type { RowResult } from './evaluate-row.js';

export interface ItemTally {
  id: string;
  measure: number;
  title: Label;
  /** Applicants eligible for the item. */
  eligible: number;
  /** The sum of their computable estimates (loans excluded), in yuan. */
  estimateCNY: number;
}

/** What a batch found, for the summary on stderr. Rows read = ok + errors. */
export interface BatchSummary {
  rowsRead: number;
  rowsOk: number;
  rowsError: number;
  /** Items with at least one eligible applicant, in policy order. */
  items: ItemTally[];
  /** The sum of every applicant's total estimate, as `check` computes each. */
  totalEstimateCNY: number;
}

export class BatchTally {
  private rowsOk = 0;
  private rowsError = 0;
  private total = 0;
  private readonly eligible: Uint32Array;
  private readonly undetermined: Uint32Array;
  private readonly estimates: Float64Array;

  constructor(private readonly compiled: CompiledPolicy) {
    this.eligible = new Uint32Array(compiled.items.length);
    this.undetermined = new Uint32Array(compiled.items.length);
    this.estimates = new Float64Array(compiled.items.length);
  }

  ok(result: RowResult): void {
    this.rowsOk++;
    this.total += result.totalEstimateCNY;
    const { eligible, estimates } = result;
    for (let k = 0; k < eligible.length; k++) {
      const entry = eligible[k]!;
      const estimateCNY = estimates[k]!;
      this.eligible[entry.index]!++;
      if (estimateCNY !== null && !entry.item.amount?.loan) this.estimates[entry.index]! += estimateCNY;
    }
    const bits = result.undeterminedBits;
    for (let word = 0; word < bits.length; word++) {
      for (let rest = bits[word]!; rest !== 0; rest &= rest - 1) this.undetermined[word * 32 + 31 - Math.clz32(rest & -rest)]!++;
    }
  }

  error(): void {
    this.rowsError++;
  }

  get errors(): number {
    return this.rowsError;
  }

  /** Every item in policy order, with its applicants eligible and undetermined (the other ok rows are not eligible). */
  perItem(): (ItemTally & { undetermined: number })[] {
    return this.compiled.items.map(({ index, item }) => ({
      id: item.id,
      measure: item.measure,
      title: item.title,
      eligible: this.eligible[index]!,
      undetermined: this.undetermined[index]!,
      estimateCNY: Math.round(this.estimates[index]! * 100) / 100,
    }));
  }

  summary(): BatchSummary {
    const items = this.compiled.items.flatMap(({ index, item }) =>
      this.eligible[index]! > 0
        ? [{ id: item.id, measure: item.measure, title: item.title, eligible: this.eligible[index]!, estimateCNY: Math.round(this.estimates[index]! * 100) / 100 }]
        : [],
    );
    return {
      rowsRead: this.rowsOk + this.rowsError,
      rowsOk: this.rowsOk,
      rowsError: this.rowsError,
      items,
      totalEstimateCNY: Math.round(this.total * 100) / 100,
    };
  }
}
