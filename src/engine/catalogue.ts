import type { Label } from '../policy/schema.js';
import { itemResult, type CompiledPolicy, type ItemResult } from './evaluate.js';

export interface CatalogueMeasure {
  measure: number;
  section: Label;
  title: Label;
  units: { lead: string[]; responsible: string[] };
  note: Label | null;
  items: ItemResult[];
}

export interface Catalogue {
  policy: { document: string; title: string; titleEn: string; issuer: string; issued: string; parentPlan: CompiledPolicy['set']['document']['parentPlan'] };
  measures: CatalogueMeasure[];
}

/** Every measure with its items and figures, as no particular applicant sees them. */
export function catalogue(compiled: CompiledPolicy): Catalogue {
  const { set, params } = compiled;
  const entries = new Map(compiled.items.map((entry) => [entry.item.id, entry]));
  return {
    policy: {
      document: set.document.number,
      title: set.document.title.zh,
      titleEn: set.document.title.en,
      issuer: set.document.issuer,
      issued: set.document.issued,
      parentPlan: set.document.parentPlan,
    },
    measures: set.measures.map((measure) => ({
      measure: measure.measure,
      section: measure.section,
      title: measure.title,
      units: measure.units,
      note: measure.note,
      items: measure.items.map((item) => itemResult(entries.get(item.id)!, {}, params, [])),
    })),
  };
}
