import type { FactsDeclaration } from '../facts/facts.js';
import type { ReadingDef } from './readings.js';
import type { AmountInput, ConditionInput, DocumentInput, Label, MeasureInput, ParamDeclaration, Recipient } from './schema.js';

export interface Basis {
  document: string;
  measure: number;
  quote: string;
  /** Lead units first, then responsible units, as the measure names them. */
  units: string[];
  lead: string[];
  responsible: string[];
}

export interface PolicyItem {
  id: string;
  measure: number;
  title: Label;
  description: Label;
  recipient: Recipient;
  /** Applicant types that also see the item (e.g. a city top-up paid to the district for this person). */
  alsoShownTo: string[];
  when: ConditionInput;
  amount: AmountInput | null;
  basis: Basis;
  localRules: { note: Label; params: string[] } | null;
  supersedes: string[];
  notes: Label[];
  validity: { from?: string; to?: string } | null;
}

export interface Measure {
  measure: number;
  section: Label;
  title: Label;
  units: { lead: string[]; responsible: string[] };
  note: Label | null;
  items: PolicyItem[];
}

export type DocumentInfo = DocumentInput['document'];

/** Everything the engine needs from `policies/`, with each item's legal basis filled in from its measure. */
export interface PolicySet {
  document: DocumentInfo;
  params: ParamDeclaration[];
  measures: Measure[];
  items: PolicyItem[];
  /** The facts profiles hold and conditions name (the folder's facts.yaml). */
  facts: FactsDeclaration;
  /** The readings of ambiguous clauses that conditions test (the folder's readings.yaml; none without one). */
  readings: ReadingDef[];
}

export function buildPolicySet(document: DocumentInput, measures: MeasureInput[], facts: FactsDeclaration, readings: ReadingDef[] = []): PolicySet {
  const sorted = [...measures].sort((a, b) => a.measure - b.measure);
  const built: Measure[] = sorted.map((measure) => ({
    measure: measure.measure,
    section: measure.section,
    title: measure.title,
    units: measure.units,
    note: measure.note ?? null,
    items: measure.items.map((item) => ({
      id: item.id,
      measure: measure.measure,
      title: item.title,
      description: item.description,
      recipient: item.recipient,
      alsoShownTo: item.audience ?? [],
      when: item.when,
      amount: item.amount ?? null,
      basis: {
        document: document.document.number,
        measure: measure.measure,
        quote: item.basis.quote,
        units: [...measure.units.lead, ...measure.units.responsible],
        lead: measure.units.lead,
        responsible: measure.units.responsible,
      },
      localRules: item.localRules ? { note: item.localRules.note, params: item.localRules.params ?? [] } : null,
      supersedes: item.supersedes ?? [],
      notes: item.notes ?? [],
      validity: item.validity ?? null,
    })),
  }));
  return {
    document: document.document,
    params: document.params,
    measures: built,
    items: built.flatMap((measure) => measure.items),
    facts,
    readings,
  };
}
