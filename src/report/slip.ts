import { factLabel, type FactsDeclaration, type Label } from '../facts/facts.js';
import type { CheckResult, ItemResult } from '../engine/evaluate.js';
import { outsideTotalNote, outsideTotalSummary } from './check-table.js';
import { describeFactValue } from './explain-what-if.js';
import { colon as colonIn } from '../util/messages/index.js';
import { describeAmount, policyTitle, yuan, type Lang } from './format.js';
import { recipientLabel, t } from './messages.js';

/**
 * What the applicant takes home, in one language: the policy, the date, the facts given, what they can get and
 * from whom, what is still open and what would settle it, the clauses, and that this is guidance. HTML and
 * Markdown lay out the same content; every string here is plain text, escaped by the renderer.
 */
export interface Slip {
  lang: Lang;
  title: string;
  policy: { document: string; title: string; issued: string };
  asOf: string;
  notices: string[];
  facts: { label: string; value: string }[];
  /** The yes/no facts answered no, as one line of labels: most of a profile, and little to read one by one. */
  factsNo: { label: string; facts: string[] } | null;
  eligible: SlipItem[];
  total: string;
  outsideTotal: string | null;
  /** How many items are undetermined, and those items grouped by what still has to be confirmed to settle them. */
  undeterminedCount: number;
  undetermined: { toConfirm: string[]; items: Pick<SlipItem, 'measure' | 'title' | 'amount'>[] }[];
  basis: { id: string; where: string; quote: string }[];
  disclaimer: string;
  /** Section headings and column names, in the slip's language. */
  words: Record<'policy' | 'document' | 'documentTitle' | 'issued' | 'asOf' | 'facts' | 'eligible' | 'undetermined' | 'toConfirm' | 'basis' | 'item' | 'recipient' | 'amount' | 'estimate' | 'lead' | 'none' | 'noneEligible' | 'noneUndetermined', string>;
}

export interface SlipItem {
  id: string;
  /** "第14条" or "measure 14". */
  measure: string;
  title: string;
  recipient: string;
  amount: string;
  /** The estimate, or null when none can be computed. */
  estimate: string | null;
  /** Why the item is not in the total (paid to the district, a loan), or null. */
  outsideTotal: string | null;
  localRules: string | null;
  lead: string;
}

export interface SlipOptions {
  /** The facts of the policy set, for their labels. */
  facts: FactsDeclaration;
  /** Labels of the policy's local figures (--param), to name the ones still needed. */
  paramLabels?: ReadonlyMap<string, Label>;
}

const lead = (item: ItemResult) => (item.basis.lead.length > 0 ? item.basis.lead : item.basis.units).join('、');

function slipItem(item: ItemResult, report: CheckResult, lang: Lang, facts: FactsDeclaration): SlipItem {
  return {
    id: item.id,
    measure: t('measureNumber', lang, { n: item.measure }),
    title: item.title[lang],
    recipient: recipientLabel(item.recipient, lang),
    amount: describeAmount(item.amount, lang, facts),
    estimate: item.estimateCNY === null ? null : yuan(item.estimateCNY, lang),
    outsideTotal: outsideTotalNote(item, report.profile.applicantType, lang),
    localRules: item.dependsOnLocalRules ? t('localRules', lang) : null,
    lead: lead(item),
  };
}

/** Items grouped by a list-valued key, groups in the order of their first item. */
function groupBy<T>(items: readonly T[], keyOf: (item: T) => string[]): { key: string[]; items: T[] }[] {
  const groups = new Map<string, { key: string[]; items: T[] }>();
  for (const item of items) {
    const key = keyOf(item);
    const id = JSON.stringify(key);
    const group = groups.get(id) ?? { key, items: [] };
    group.items.push(item);
    groups.set(id, group);
  }
  return [...groups.values()];
}

export function buildSlip(report: CheckResult, lang: Lang, { facts, paramLabels }: SlipOptions): Slip {
  const colon = colonIn(lang);
  const factsNo = Object.entries(report.profile).flatMap(([fact, value]) => (value === false ? [factLabel(facts, fact, lang)] : []));
  return {
    lang,
    title: t('slipTitle', lang),
    policy: { document: report.policy.document, title: policyTitle(report.policy, lang), issued: report.policy.issued },
    asOf: report.asOf,
    notices: report.notices.map((notice) => notice[lang]),
    facts: Object.entries(report.profile)
      .filter(([, value]) => value !== false)
      .map(([fact, value]) => ({ label: factLabel(facts, fact, lang), value: describeFactValue(facts, fact, value ?? null, lang) })),
    factsNo: factsNo.length === 0 ? null : { label: t('slipAllNo', lang), facts: factsNo },
    eligible: report.eligible.map((item) => slipItem(item, report, lang, facts)),
    total: `${t('total', lang)}${colon}${yuan(report.totalEstimateCNY, lang)}`,
    outsideTotal: outsideTotalSummary(report, lang),
    undeterminedCount: report.undetermined.length,
    undetermined: groupBy(report.undetermined, (item) => [
      ...item.missing.map((fact) => factLabel(facts, fact, lang)),
      ...item.missingParams.map((param) => `${t('slipLocalFigure', lang)}${colon}${paramLabels?.get(param)?.[lang] ?? param}`),
    ]).map(({ key, items }) => ({
      toConfirm: key,
      items: items.map((item) => ({ measure: t('measureNumber', lang, { n: item.measure }), title: item.title[lang], amount: describeAmount(item.amount, lang, facts) })),
    })),
    basis: report.eligible.map((item) => ({
      id: item.id,
      // The slip names the document once, at the top; a clause of another document would name its own.
      where: `${item.basis.document === report.policy.document ? '' : `${item.basis.document} `}${t('measureNumber', lang, { n: item.measure })}`,
      quote: item.basis.quote,
    })),
    disclaimer: t('slipDisclaimer', lang),
    words: {
      policy: t('slipPolicy', lang),
      document: t('slipDocument', lang),
      documentTitle: t('slipDocumentTitle', lang),
      issued: t('slipIssued', lang),
      asOf: t('slipAsOf', lang),
      facts: t('slipFacts', lang),
      eligible: t('eligible', lang),
      undetermined: t('undetermined', lang),
      toConfirm: t('slipToConfirm', lang),
      basis: t('basis', lang),
      item: t('item', lang),
      recipient: t('recipient', lang),
      amount: t('amount', lang),
      estimate: t('estimate', lang),
      lead: t('slipLead', lang),
      none: t('slipNoFacts', lang),
      noneEligible: t('noneEligible', lang),
      noneUndetermined: t('slipNoUndetermined', lang),
    },
  };
}
