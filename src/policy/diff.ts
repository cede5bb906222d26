import { kindOf, leafOf, leavesOf } from './condition-walk.js';
import { describeCondition } from './condition-words.js';
import type { Leaf } from './operators.js';
import type { Measure, PolicyItem, PolicySet } from './policy-set.js';
import type { ConditionInput, Label } from './schema.js';

/**
 * What changed inside a condition tree, as data (the report words it with the operator table): a comparison on the
 * same fact with another test; a condition an `all` now or no longer requires, an alternative an `any` now or no
 * longer accepts; a change under a `not`; a node replaced by another.
 */
export type ConditionChange =
  | { change: 'moved'; fact: string; before: Pick<Leaf, 'op' | 'arg'>; after: Pick<Leaf, 'op' | 'arg'> }
  | { change: 'requires' | 'no-longer-requires' | 'also-qualifies' | 'no-longer-qualifies'; condition: ConditionInput }
  | { change: 'under-not'; inner: ConditionChange }
  | { change: 'replaced'; before: ConditionInput; after: ConditionInput };

/** One field that differs; for conditions, `details` says what changed where a before/after pair would not. */
export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
  details?: ConditionChange[];
}

export interface ItemRef {
  id: string;
  measure: number;
  title: Label;
}

export interface ItemChange extends ItemRef {
  changes: FieldChange[];
}

export interface MeasureRef {
  measure: number;
  title: Label;
}

export interface MeasureChange extends MeasureRef {
  changes: FieldChange[];
}

/** What one policy set changes against another: document, measures and items, in policy order. */
export interface PolicyDiff {
  changed: boolean;
  document: FieldChange[];
  measures: { added: MeasureRef[]; removed: MeasureRef[]; changed: MeasureChange[] };
  items: { added: ItemRef[]; removed: ItemRef[]; changed: ItemChange[] };
}

/** Key order does not matter in YAML mappings, so values are compared with their keys sorted. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    inner && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner as Record<string, unknown>).filter(([, v]) => v !== undefined).sort(([a], [b]) => a.localeCompare(b)))
      : inner,
  );
}

const same = (a: unknown, b: unknown) => canonical(a) === canonical(b);

function fieldChanges(fields: readonly [string, unknown, unknown][]): FieldChange[] {
  return fields.filter(([, before, after]) => !same(before, after)).map(([field, before, after]) => ({ field, before: before ?? null, after: after ?? null }));
}

const isComparison = (node: ConditionInput) => kindOf(node) === 'compare';
/** Two comparisons of the same subject: one fact, or one reading. */
const sameSubject = (a: ConditionInput, b: ConditionInput) => {
  const [left, right] = [leafOf(a), leafOf(b)];
  return left.fact === right.fact && (left.op === 'reading') === (right.op === 'reading');
};

const leaves = (node: ConditionInput): Set<string> => new Set(leavesOf(node).map((found) => describeCondition(found.node)));

/** How alike two groups are: the comparisons they share. Zero means they are not the same group edited. */
function likeness(a: ConditionInput, b: ConditionInput): number {
  if (kindOf(a) !== kindOf(b) || isComparison(a)) return 0;
  const left = leaves(a);
  return [...leaves(b)].filter((leaf) => left.has(leaf)).length;
}

function diffGroup(kind: 'all' | 'any', before: readonly ConditionInput[], after: readonly ConditionInput[]): ConditionChange[] {
  const unmatched = [...before];
  const added: ConditionInput[] = [];
  for (const node of after) {
    const index = unmatched.findIndex((old) => same(old, node));
    if (index >= 0) unmatched.splice(index, 1);
    else added.push(node);
  }
  const lines: ConditionChange[] = [];
  const stillAdded: ConditionInput[] = [];
  for (const node of added) {
    let best = -1;
    let bestScore = 0;
    unmatched.forEach((old, i) => {
      const score = isComparison(node) ? (isComparison(old) && sameSubject(old, node) ? 1 : 0) : likeness(old, node);
      if (score > bestScore) [best, bestScore] = [i, score];
    });
    if (best < 0) stillAdded.push(node);
    else lines.push(...diffCondition(unmatched.splice(best, 1)[0]!, node));
  }
  for (const condition of unmatched) lines.push({ change: kind === 'all' ? 'no-longer-requires' : 'no-longer-qualifies', condition });
  for (const condition of stillAdded) lines.push({ change: kind === 'all' ? 'requires' : 'also-qualifies', condition });
  return lines;
}

const testOf = (node: ConditionInput): Pick<Leaf, 'op' | 'arg'> => {
  const { op, arg } = leafOf(node);
  return { op, arg } as Pick<Leaf, 'op' | 'arg'>;
};

/** What changed between two condition trees: a moved threshold, a condition now or no longer required, …. */
export function diffCondition(before: ConditionInput, after: ConditionInput): ConditionChange[] {
  if (same(before, after)) return [];
  if (isComparison(before) && isComparison(after) && sameSubject(before, after)) return [{ change: 'moved', fact: leafOf(before).fact, before: testOf(before), after: testOf(after) }];
  const kind = kindOf(before);
  if (kind === 'not' && after.not) return diffCondition(before.not!, after.not).map((inner) => ({ change: 'under-not', inner }));
  if ((kind === 'all' || kind === 'any') && after[kind]) return diffGroup(kind, before[kind]!, after[kind]);
  return [{ change: 'replaced', before, after }];
}

function itemChanges(before: PolicyItem, after: PolicyItem): FieldChange[] {
  const changes = fieldChanges([
    ['title', before.title, after.title],
    ['description', before.description, after.description],
    ['recipient', before.recipient, after.recipient],
    ['audience', before.alsoShownTo, after.alsoShownTo],
  ]);
  const conditions = diffCondition(before.when, after.when);
  if (conditions.length > 0) changes.push({ field: 'conditions', before: before.when, after: after.when, details: conditions });
  changes.push(
    ...fieldChanges([
      ['amount', before.amount, after.amount],
      ['basis', before.basis.quote, after.basis.quote],
      ['validity', before.validity, after.validity],
      ['localRules', before.localRules, after.localRules],
      ['supersedes', before.supersedes, after.supersedes],
      ['notes', before.notes, after.notes],
    ]),
  );
  return changes;
}

function measureChanges(before: Measure, after: Measure): FieldChange[] {
  return fieldChanges([
    ['section', before.section, after.section],
    ['title', before.title, after.title],
    ['units', before.units, after.units],
    ['note', before.note, after.note],
  ]);
}

const itemRef = (item: PolicyItem): ItemRef => ({ id: item.id, measure: item.measure, title: item.title });
const measureRef = (measure: Measure): MeasureRef => ({ measure: measure.measure, title: measure.title });
const byItem = (a: ItemRef, b: ItemRef) => a.measure - b.measure || a.id.localeCompare(b.id);

/** The rule diff between two policy sets. Pure; the order is the policy order, so the same inputs give the same diff. */
export function diffPolicies(base: PolicySet, head: PolicySet): PolicyDiff {
  const document = fieldChanges(
    (['number', 'title', 'issuer', 'issued', 'parentPlan', 'measures'] as const).map((key) => [key, base.document[key], head.document[key]]),
  );
  const baseParams = new Map(base.params.map((p) => [p.name, p]));
  const headParams = new Map(head.params.map((p) => [p.name, p]));
  for (const name of [...new Set([...baseParams.keys(), ...headParams.keys()])].sort()) {
    document.push(...fieldChanges([[`params.${name}`, baseParams.get(name), headParams.get(name)]]));
  }

  const baseMeasures = new Map(base.measures.map((m) => [m.measure, m]));
  const headMeasures = new Map(head.measures.map((m) => [m.measure, m]));
  const measures: PolicyDiff['measures'] = {
    added: head.measures.filter((m) => !baseMeasures.has(m.measure)).map(measureRef),
    removed: base.measures.filter((m) => !headMeasures.has(m.measure)).map(measureRef),
    changed: [],
  };
  for (const measure of head.measures) {
    const old = baseMeasures.get(measure.measure);
    const changes = old ? measureChanges(old, measure) : [];
    if (changes.length > 0) measures.changed.push({ ...measureRef(measure), changes });
  }
  measures.changed.sort((a, b) => a.measure - b.measure);

  const baseItems = new Map(base.items.map((item) => [item.id, item]));
  const headItems = new Map(head.items.map((item) => [item.id, item]));
  const items: PolicyDiff['items'] = {
    added: head.items.filter((item) => !baseItems.has(item.id)).map(itemRef).sort(byItem),
    removed: base.items.filter((item) => !headItems.has(item.id)).map(itemRef).sort(byItem),
    changed: [],
  };
  for (const item of head.items) {
    const old = baseItems.get(item.id);
    const changes = old ? itemChanges(old, item) : [];
    if (changes.length > 0) items.changed.push({ ...itemRef(item), changes });
  }
  items.changed.sort(byItem);

  const changed =
    document.length + measures.added.length + measures.removed.length + measures.changed.length + items.added.length + items.removed.length + items.changed.length > 0;
  return { changed, document, measures, items };
}
