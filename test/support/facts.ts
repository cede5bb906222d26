import type { FactDef, FactsDeclaration, Label } from '../../src/facts/facts.js';
import { bundledFacts } from '../../src/policy/load.js';

/** The bundled policies' facts declaration (policies/facts.yaml), for tests of the shipped facts. */
export const DECLARED: FactsDeclaration = bundledFacts();
export const FACTS: readonly FactDef[] = DECLARED.facts;
export const FACT_BY_NAME: ReadonlyMap<string, FactDef> = new Map(FACTS.map((def) => [def.name, def]));
/** The checklist's topics with their facts, in order. */
export const CHECKLIST_TOPICS: readonly { label: Label; facts: readonly string[] }[] = DECLARED.groups.map((group) => ({
  label: group.label,
  facts: FACTS.filter((def) => def.group === group.name).map((def) => def.name),
}));
