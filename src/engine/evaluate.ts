import { joinClauses, msg, render, t, type Lang, type MessageId, type Params as MessageParams } from '../util/messages/index.js';
import type { FactValue, Profile } from '../facts/facts.js';
import type { Basis, PolicyItem, PolicySet } from '../policy/policy-set.js';
import type { AmountInput, Label } from '../policy/schema.js';
import { RECIPIENTS, type Recipient } from '../policy/words.js';
import { compareIds } from '../util/order.js';
import { compileEstimator, missingAmountParams, type Estimator } from './amount.js';
import {
  compileCondition,
  FALSE,
  reasonsOf,
  traceCondition,
  TRUE,
  UNKNOWN,
  type CompiledCondition,
  type ComparisonReason,
  type Params,
  type Readings,
  type Truth,
} from './condition.js';

export interface CompiledItem {
  index: number;
  item: PolicyItem;
  test: CompiledCondition;
  estimate: Estimator;
  /** Applicant types that see this item: those its recipient implies, plus any the policy adds. */
  audience: ReadonlySet<string>;
  supersedes: number[];
}

export interface CompiledPolicy {
  set: PolicySet;
  params: Params;
  /** The option in force of every reading the set declares: its default unless the run chose another. */
  readings: Readings;
  items: CompiledItem[];
}

/** Every declared reading's option in force: the chosen ones, the defaults for the rest (choices are checked by the caller). */
export function readingsInForce(set: PolicySet, chosen: Readings = {}): Readings {
  return Object.fromEntries(set.readings.map((reading) => [reading.id, chosen[reading.id] ?? reading.default]));
}

/** The person and their employer form one case: both sides' items are shown. */
export function recipientSide(recipient: Recipient): ReadonlySet<string> {
  return SIDES[recipient];
}

// Built once: totalOf asks for a side on every eligible item of every batch row.
const CASE_SIDE: ReadonlySet<string> = new Set(['person', 'employer']);
const SIDES = Object.fromEntries(
  RECIPIENTS.map((recipient) => [recipient, recipient === 'person' || recipient === 'employer' || recipient === 'business' ? CASE_SIDE : new Set([recipient])]),
) as Record<Recipient, ReadonlySet<string>>;

export function compilePolicy(set: PolicySet, params: Params = {}, chosen: Readings = {}): CompiledPolicy {
  const readings = readingsInForce(set, chosen);
  const indexById = new Map(set.items.map((item, index) => [item.id, index]));
  const items = set.items.map((item, index) => ({
    index,
    item,
    test: compileCondition(item.when, params, readings),
    estimate: compileEstimator(item.amount, params),
    audience: new Set([...recipientSide(item.recipient), ...item.alsoShownTo]),
    supersedes: item.supersedes.flatMap((id) => (indexById.has(id) ? [indexById.get(id)!] : [])),
  }));
  return { set, params, readings, items };
}

type Exclusion = 'before-document' | 'validity' | 'audience' | 'superseded' | null;

export function exclusionOf(entry: CompiledItem, profile: Profile, asOf: string, issued: string): Exclusion {
  if (asOf < issued) return 'before-document';
  const validity = entry.item.validity;
  if (validity && ((validity.from && asOf < validity.from) || (validity.to && asOf > validity.to))) return 'validity';
  const applicant = profile.applicantType;
  if (typeof applicant === 'string' && !entry.audience.has(applicant)) return 'audience';
  return null;
}

/**
 * The hot path: each item's truth value for one profile, with no explanations.
 * Items outside their window or not for this applicant type are FALSE; an item superseded by an eligible one is FALSE.
 */
export function classify(compiled: CompiledPolicy, profile: Profile, asOf: string): Uint8Array {
  const status = new Uint8Array(compiled.items.length);
  const issued = compiled.set.document.issued;
  for (const entry of compiled.items) {
    status[entry.index] = exclusionOf(entry, profile, asOf, issued) === null ? entry.test(profile) : FALSE;
  }
  for (const entry of compiled.items) {
    if (status[entry.index] !== TRUE) continue;
    for (const target of entry.supersedes) if (status[target] === TRUE) status[target] = FALSE;
  }
  return status;
}

/**
 * Why an item is or is not for the applicant: a comparison of its condition, or the date against the document's
 * issue date or the item's validity (`window`).
 */
export type Reason = ComparisonReason | { fact: 'asOf'; expected: string; actual: string; window: { from?: string; to?: string } };

export interface ItemResult {
  id: string;
  measure: number;
  title: Label;
  description: Label;
  recipient: Recipient;
  amount: AmountInput | null;
  estimateCNY: number | null;
  basis: Basis;
  dependsOnLocalRules: boolean;
  localRules: { note: Label; params: string[]; missingParams: string[] } | null;
  notes: Label[];
  held: Reason[];
}

export type EligibleItem = ItemResult;
export type UndeterminedItem = ItemResult & { missing: string[]; missingParams: string[] };
export type IneligibleItem = ItemResult & { unmet: Reason[]; supersededBy?: string };

export interface Notice {
  code: 'plan-period-ended' | 'before-document' | 'readings';
  zh: string;
  en: string;
}

export interface CheckResult {
  schemaVersion: 1;
  asOf: string;
  policy: { document: string; title: string; titleEn: string; issued: string; parentPlan: { number: string; period: { from: string; to: string } } };
  profile: Profile;
  params: Params;
  /** The option in force of every reading (see "subsidy readings"). */
  readings: Readings;
  notices: Notice[];
  eligible: EligibleItem[];
  undetermined: UndeterminedItem[];
  ineligible: IneligibleItem[];
  totalEstimateCNY: number;
}

export function noticesFor(set: PolicySet, asOf: string, readings: Readings = {}): Notice[] {
  const notices: Notice[] = [];
  // A run under readings other than the defaults says so, since its results differ from the tool's usual ones.
  const changed = set.readings.filter((reading) => readings[reading.id] !== undefined && readings[reading.id] !== reading.default);
  const both = (id: MessageId, params: MessageParams) => ({ zh: render(msg(id, params), 'zh'), en: render(msg(id, params), 'en') });
  if (changed.length > 0) {
    const chosen = (lang: Lang) =>
      joinClauses(
        changed.map((reading) => {
          const option = readings[reading.id]!;
          const label = reading.options.find((o) => o.id === option)?.label[lang] ?? option;
          return t('notice.readingChosen', lang, { id: reading.id, option, label });
        }),
        lang,
      );
    notices.push({ code: 'readings', ...both('notice.readings', { chosen: { zh: chosen('zh'), en: chosen('en') } }) });
  }
  const { parentPlan, issued, number } = set.document;
  if (asOf < issued) {
    notices.push({ code: 'before-document', ...both('notice.beforeDocument', { asOf, number, issued }) });
  } else if (asOf > parentPlan.period.to) {
    notices.push({ code: 'plan-period-ended', ...both('notice.planPeriodEnded', { asOf, plan: parentPlan.number, to: parentPlan.period.to }) });
  }
  return notices;
}

export function itemResult(entry: CompiledItem, profile: Profile, params: Params, held: Reason[]): ItemResult {
  const { item } = entry;
  return {
    id: item.id,
    measure: item.measure,
    title: item.title,
    description: item.description,
    recipient: item.recipient,
    amount: item.amount,
    estimateCNY: entry.estimate(profile),
    basis: item.basis,
    dependsOnLocalRules: item.localRules !== null,
    localRules: item.localRules && {
      ...item.localRules,
      missingParams: [...new Set([...item.localRules.params.filter((p) => params[p] === undefined), ...missingAmountParams(item.amount, params)])],
    },
    notes: item.notes,
    held,
  };
}

/** Money granted first, largest first; then loans; then non-monetary benefits; ties by measure and id. */
export function byValue(a: Pick<ItemResult, 'amount' | 'estimateCNY' | 'measure' | 'id'>, b: Pick<ItemResult, 'amount' | 'estimateCNY' | 'measure' | 'id'>): number {
  const rank = (item: Pick<ItemResult, 'amount'>) => (!item.amount ? 2 : item.amount.loan ? 1 : 0);
  const figure = (item: Pick<ItemResult, 'amount' | 'estimateCNY'>) => item.estimateCNY ?? item.amount?.cny ?? -1;
  return rank(a) - rank(b) || figure(b) - figure(a) || a.measure - b.measure || compareIds(a.id, b.id);
}

/**
 * The sum of the computable estimates an applicant's side receives: loans are ceilings, not money granted, and an
 * item shown to this applicant type only for information (e.g. the city's top-up to the district) is not theirs.
 */
export function totalOf(items: readonly Pick<ItemResult, 'recipient' | 'amount' | 'estimateCNY'>[], applicantType: unknown): number {
  return items.reduce((sum, item) => sum + (outsideTotal(item, applicantType) === null ? (item.estimateCNY ?? 0) : 0), 0);
}

/** Why an eligible item's estimate is not in the total: a loan, or money paid to a third party (not the applicant's side). */
export function outsideTotal(item: Pick<ItemResult, 'recipient' | 'amount'>, applicantType: unknown): 'loan' | 'third-party' | null {
  if (typeof applicantType === 'string' && !recipientSide(item.recipient).has(applicantType)) return 'third-party';
  return item.amount?.loan ? 'loan' : null;
}

/** One profile against every item, with reasons. Pure: the date comes in as an argument. */
export function evaluate(compiled: CompiledPolicy, profile: Profile, asOf: string): CheckResult {
  const status = classify(compiled, profile, asOf);
  const { set, params, readings } = compiled;
  const eligible: EligibleItem[] = [];
  const undetermined: UndeterminedItem[] = [];
  const ineligible: IneligibleItem[] = [];
  const supersededBy = new Map<number, string>();
  for (const entry of compiled.items) {
    if (status[entry.index] === TRUE) for (const target of entry.supersedes) supersededBy.set(target, entry.item.id);
  }
  for (const entry of compiled.items) {
    const truth = status[entry.index] as Truth;
    const reasons = reasonsOf(traceCondition(entry.item.when, profile, params, readings));
    const base = itemResult(entry, profile, params, reasons.held);
    if (truth === TRUE) eligible.push(base);
    else if (truth === UNKNOWN) undetermined.push({ ...base, missing: reasons.missing, missingParams: reasons.missingParams });
    else {
      const exclusion = exclusionOf(entry, profile, asOf, set.document.issued);
      const superseding = supersededBy.get(entry.index);
      let unmet: Reason[] = reasons.unmet;
      if (exclusion === 'audience') {
        const audience = [...entry.audience];
        unmet = [{ fact: 'applicantType', expected: `in [${audience.join(', ')}]`, actual: profile.applicantType!, op: 'in', arg: audience }];
      } else if (exclusion === 'before-document') {
        unmet = [{ fact: 'asOf', expected: `>= ${set.document.issued}`, actual: asOf, window: { from: set.document.issued } }];
      } else if (exclusion === 'validity') {
        const { from, to } = entry.item.validity!;
        const window = { ...(from ? { from } : {}), ...(to ? { to } : {}) };
        unmet = [{ fact: 'asOf', expected: [from && `>= ${from}`, to && `<= ${to}`].filter(Boolean).join(' and '), actual: asOf, window }];
      } else if (superseding !== undefined && entry.test(profile) === TRUE) {
        unmet = [];
      }
      ineligible.push({ ...base, unmet, ...(superseding !== undefined && unmet.length === 0 ? { supersededBy: superseding } : {}) });
    }
  }
  eligible.sort(byValue);
  undetermined.sort(byValue);
  ineligible.sort((a, b) => a.measure - b.measure || compareIds(a.id, b.id));
  return {
    schemaVersion: 1,
    asOf,
    policy: {
      document: set.document.number,
      title: set.document.title.zh,
      titleEn: set.document.title.en,
      issued: set.document.issued,
      parentPlan: { number: set.document.parentPlan.number, period: set.document.parentPlan.period },
    },
    profile,
    params,
    readings,
    notices: noticesFor(set, asOf, readings),
    eligible,
    undetermined,
    ineligible,
    totalEstimateCNY: totalOf(eligible, profile.applicantType),
  };
}
