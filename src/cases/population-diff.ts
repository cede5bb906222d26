import { msg, type Message } from '../util/messages/index.js';
import { FALSE, TRUE, UNKNOWN, type Truth } from '../engine/condition.js';
import { classify, totalOf, type CompiledPolicy } from '../engine/evaluate.js';
import type { ApplicantRow, RowError } from '../batch/read-applicants.js';
import type { Profile } from '../facts/facts.js';
import type { ItemStatus } from './case-schema.js';


export interface ItemImpact {
  id: string;
  measure: number;
  /** Applicants eligible under head who were not under base. */
  gained: number;
  /** Applicants eligible under base who are not under head. */
  lost: number;
  /** Applicants who move between undetermined and ineligible. */
  otherwise: number;
  /** The change in this item's estimates, summed over the population, in yuan. */
  estimateChange: number;
}

export interface ApplicantChange {
  row: number;
  id: string;
  gained: string[];
  lost: string[];
  otherwise: { id: string; from: ItemStatus; to: ItemStatus }[];
  /** Items eligible under both whose estimate moved. */
  estimates: { id: string; before: number; after: number }[];
  totalBefore: number;
  totalAfter: number;
}

export interface PopulationDiff {
  asOf: string;
  applicants: number;
  rowsWithErrors: { row: number; id: string; messages: Message[] }[];
  changedApplicants: number;
  totalEstimate: { base: number; head: number; change: number };
  items: ItemImpact[];
  changed: ApplicantChange[];
}

const STATUS_OF: Record<Truth, ItemStatus> = { [FALSE]: 'ineligible', [TRUE]: 'eligible', [UNKNOWN]: 'undetermined' };
const cents = (value: number) => Math.round(value * 100) / 100;

const errorMessage = (errors: readonly RowError[]): Message[] => errors.map((error) => (error.column ? msg('populationDiff.column', { column: error.column, message: error.message }) : error.message));

interface Side {
  compiled: CompiledPolicy;
  /** Position of each item id of the union in this side's items; -1 where this side lacks the item. */
  slot: Int32Array;
}

/** What the item adds to the applicant's total, by the check report's rule (totalOf); 0 unless eligible. */
function grantOf(side: Side, slot: number, status: Uint8Array, profile: Profile): number {
  if (slot < 0 || status[slot] !== TRUE) return 0;
  const { item, estimate } = side.compiled.items[slot]!;
  return totalOf([{ recipient: item.recipient, amount: item.amount, estimateCNY: estimate(profile) }], profile.applicantType);
}

/**
 * Runs every applicant through both policy sets and counts, per item, who gains and who loses it and how the
 * estimates move; lists the applicants whose results change, in row order. Items are in policy order.
 */
export async function diffPopulation(base: CompiledPolicy, head: CompiledPolicy, rows: AsyncIterable<ApplicantRow>, asOf: string): Promise<PopulationDiff> {
  const ids: { id: string; measure: number }[] = [];
  const seen = new Set<string>();
  for (const { item } of [...base.items, ...head.items]) {
    if (!seen.has(item.id)) ids.push({ id: item.id, measure: item.measure });
    seen.add(item.id);
  }
  ids.sort((a, b) => a.measure - b.measure || a.id.localeCompare(b.id));
  const sideOf = (compiled: CompiledPolicy): Side => {
    const index = new Map(compiled.items.map((entry) => [entry.item.id, entry.index]));
    return { compiled, slot: Int32Array.from(ids, ({ id }) => index.get(id) ?? -1) };
  };
  const before = sideOf(base);
  const after = sideOf(head);
  const impacts: ItemImpact[] = ids.map(({ id, measure }) => ({ id, measure, gained: 0, lost: 0, otherwise: 0, estimateChange: 0 }));
  const diff: PopulationDiff = { asOf, applicants: 0, rowsWithErrors: [], changedApplicants: 0, totalEstimate: { base: 0, head: 0, change: 0 }, items: [], changed: [] };

  for await (const entry of rows) {
    if ('errors' in entry) {
      diff.rowsWithErrors.push({ row: entry.row, id: entry.id, messages: errorMessage(entry.errors) });
      continue;
    }
    diff.applicants++;
    const { profile } = entry;
    const statusBefore = classify(base, profile, asOf);
    const statusAfter = classify(head, profile, asOf);
    const change: ApplicantChange = { row: entry.row, id: entry.id, gained: [], lost: [], otherwise: [], estimates: [], totalBefore: 0, totalAfter: 0 };
    for (let i = 0; i < ids.length; i++) {
      const slotBefore = before.slot[i]!;
      const slotAfter = after.slot[i]!;
      const was = (slotBefore < 0 ? FALSE : statusBefore[slotBefore]!) as Truth;
      const is = (slotAfter < 0 ? FALSE : statusAfter[slotAfter]!) as Truth;
      const grantBefore = grantOf(before, slotBefore, statusBefore, profile);
      const grantAfter = grantOf(after, slotAfter, statusAfter, profile);
      change.totalBefore += grantBefore;
      change.totalAfter += grantAfter;
      const impact = impacts[i]!;
      impact.estimateChange += grantAfter - grantBefore;
      const id = ids[i]!.id;
      if (was === is) {
        if (is === TRUE && cents(grantBefore) !== cents(grantAfter)) change.estimates.push({ id, before: cents(grantBefore), after: cents(grantAfter) });
        continue;
      }
      if (is === TRUE) {
        impact.gained++;
        change.gained.push(id);
      } else if (was === TRUE) {
        impact.lost++;
        change.lost.push(id);
      } else {
        impact.otherwise++;
        change.otherwise.push({ id, from: STATUS_OF[was], to: STATUS_OF[is] });
      }
    }
    change.totalBefore = cents(change.totalBefore);
    change.totalAfter = cents(change.totalAfter);
    diff.totalEstimate.base += change.totalBefore;
    diff.totalEstimate.head += change.totalAfter;
    if (change.gained.length + change.lost.length + change.otherwise.length + change.estimates.length > 0 || change.totalBefore !== change.totalAfter) {
      diff.changedApplicants++;
      diff.changed.push(change);
    }
  }
  diff.totalEstimate = {
    base: cents(diff.totalEstimate.base),
    head: cents(diff.totalEstimate.head),
    change: cents(diff.totalEstimate.head - diff.totalEstimate.base),
  };
  diff.items = impacts
    .map((impact) => ({ ...impact, estimateChange: cents(impact.estimateChange) }))
    .filter((impact) => impact.gained + impact.lost + impact.otherwise > 0 || impact.estimateChange !== 0);
  diff.changed.sort((a, b) => a.row - b.row);
  return diff;
}
