import { FACT_BY_NAME, type FactDef } from '../facts/facts.js';
import { nearest } from '../util/suggest.js';
import type { Problem } from '../util/problems.js';
import type { YamlSource } from '../util/yaml-source.js';
import { factCanSatisfy, satisfiability } from './satisfiable.js';
import type { ConditionInput, DocumentInput, MeasureInput, Threshold } from './schema.js';

export interface ParsedMeasure {
  file: string;
  value: MeasureInput;
  source: YamlSource;
}

export interface SemanticInput {
  document: DocumentInput;
  measures: ParsedMeasure[];
  sourceText: string | null;
}

const squash = (text: string) => text.replace(/\s+/g, '');
/** The source is a PDF extraction: page numbers such as "- 13 -" on a line of their own are not text. */
const withoutPageNumbers = (text: string) => text.replace(/^\s*-\s*\d+\s*-\s*$/gm, '');

/** Problems with a comparison's fact or value: undeclared facts, values the fact can never take. */
function comparisonProblems(node: ConditionInput, declaredParams: ReadonlySet<string>): string[] {
  const def = FACT_BY_NAME.get(node.fact!);
  if (!def) {
    const suggestion = nearest(node.fact!, FACT_BY_NAME.keys());
    return [`fact "${node.fact}" is not declared${suggestion ? `; did you mean "${suggestion}"?` : ''}`];
  }
  const problems: string[] = [];
  const thresholds: Threshold[] = [node.gte, node.gt, node.lte, node.lt, ...(node.between ?? [])].filter(
    (t): t is Threshold => t !== undefined,
  );
  for (const t of thresholds) {
    if (typeof t === 'object' && !declaredParams.has(t.param)) problems.push(`parameter "${t.param}" is not declared in document.yaml`);
  }
  const values = [...(node.in ?? []), ...(node.equals !== undefined ? [node.equals] : [])];
  problems.push(...valueProblems(def, node, values, thresholds));
  return problems;
}

function valueProblems(def: FactDef, node: ConditionInput, values: unknown[], thresholds: Threshold[]): string[] {
  const fact = def.name;
  switch (def.type) {
    case 'enum': {
      if (thresholds.length > 0 || node.is !== undefined) return [`"${fact}" takes one of ${def.values.join(', ')}; compare it with equals or in`];
      const never = values.filter((v) => typeof v !== 'string' || !def.values.includes(v));
      return never.length ? [`"${fact}" can never be ${never.map((v) => JSON.stringify(v)).join(', ')}; it takes ${def.values.join(', ')}`] : [];
    }
    case 'boolean':
      return node.is === undefined && !(node.equals !== undefined && typeof node.equals === 'boolean')
        ? [`"${fact}" is true or false; compare it with is: true or is: false`]
        : [];
    case 'number':
    case 'integer': {
      if (node.is !== undefined || values.some((v) => typeof v !== 'number')) return [`"${fact}" is a number; compare it with gte, gt, lte, lt, between, equals or in`];
      const max = def.max ?? Infinity;
      const never = values.filter((v) => (v as number) < def.min || (v as number) > max || (def.type === 'integer' && !Number.isInteger(v)));
      const impossible = never.length > 0 || !factCanSatisfy(def, [{ node, negated: false }]);
      const range = `${def.type === 'integer' ? 'whole numbers ' : ''}${def.min}…${def.max ?? '∞'}`;
      return impossible ? [`"${fact}" ranges over ${range}; this comparison can never hold`] : [];
    }
  }
}

function walkConditions(node: ConditionInput, path: (string | number)[], visit: (node: ConditionInput, path: (string | number)[]) => void): void {
  visit(node, path);
  node.all?.forEach((child, i) => walkConditions(child, [...path, 'all', i], visit));
  node.any?.forEach((child, i) => walkConditions(child, [...path, 'any', i], visit));
  if (node.not) walkConditions(node.not, [...path, 'not'], visit);
}

function conflictWords(conflicts: { fact: string; comparisons: string[] }[]): string {
  const first = conflicts[0]!;
  const because = `${first.comparisons.join(' and ')} cannot all hold`;
  return conflicts.length === 1 ? because : `none of its ${conflicts.length} ways through can hold; e.g. ${because}`;
}

/** The same tree with the node at `path` replaced. */
function replaceAt(node: ConditionInput, path: readonly (string | number)[], replacement: ConditionInput): ConditionInput {
  if (path.length === 0) return replacement;
  const [key, index, ...rest] = path;
  if (key === 'not') return { not: replaceAt(node.not!, path.slice(1), replacement) };
  const group = key as 'all' | 'any';
  return { [group]: node[group]!.map((child, i) => (i === index ? replaceAt(child, rest, replacement) : child)) };
}

/**
 * Conditions that can never hold: the whole `when` (the item can never be granted), or an alternative of an `any`
 * that no profile meeting the rest of the conditions can meet (a dead branch). Conditions under a `not` are left alone.
 */
function contradictions(when: ConditionInput): { path: (string | number)[]; message: string }[] {
  const whole = satisfiability(when);
  if (!whole.satisfiable) return [{ path: [], message: `the conditions can never hold: ${conflictWords(whole.conflicts)}` }];
  const found: { path: (string | number)[]; message: string }[] = [];
  // `pinned` is the whole condition with every enclosing `any` replaced by the alternative taken to reach `node`,
  // which stands in it at `pinnedPath`: an alternative is dead when the pinned condition with it chosen cannot hold.
  const visit = (node: ConditionInput, path: (string | number)[], pinned: ConditionInput, pinnedPath: (string | number)[]): void => {
    node.all?.forEach((child, i) => visit(child, [...path, 'all', i], pinned, [...pinnedPath, 'all', i]));
    node.any?.forEach((child, i) => {
      const chosen = replaceAt(pinned, pinnedPath, child);
      const alone = satisfiability(chosen);
      if (alone.satisfiable) return visit(child, [...path, 'any', i], chosen, pinnedPath);
      found.push({ path: [...path, 'any', i], message: `this alternative can never hold together with the other conditions: ${conflictWords(alone.conflicts)}` });
    });
  };
  visit(when, [], when, []);
  return found;
}

/** Checks of meaning that a schema cannot make: every policy file is judged against the facts, params and source. */
export function semanticProblems({ document, measures, sourceText }: SemanticInput): Problem[] {
  const problems: Problem[] = [];
  const declaredParams = new Set(document.params.map((p) => p.name));
  const squashedSource = sourceText === null ? null : squash(withoutPageNumbers(sourceText));
  const ids = new Map<string, string>();
  const allIds = new Set(measures.flatMap((m) => m.value.items.map((item) => item.id)));
  const seenMeasures = new Map<number, string>();

  for (const { file, value: measure, source } of measures) {
    const at = (path: (string | number)[], message: string) =>
      problems.push({ file, line: source.lineOf(path), path: path.join('.'), message });
    if (measure.measure > document.document.measures) at(['measure'], `the document has ${document.document.measures} measures`);
    const earlier = seenMeasures.get(measure.measure);
    if (earlier) at(['measure'], `measure ${measure.measure} is already in ${earlier}`);
    seenMeasures.set(measure.measure, file);

    measure.items.forEach((item, i) => {
      const itemPath = ['items', i];
      const prefix = `m${String(measure.measure).padStart(2, '0')}-`;
      if (!item.id.startsWith(prefix)) at([...itemPath, 'id'], `an item of measure ${measure.measure} has an id starting with ${prefix}`);
      const duplicate = ids.get(item.id);
      if (duplicate) at([...itemPath, 'id'], `id "${item.id}" is already used in ${duplicate}`);
      ids.set(item.id, file);

      let comparisonsOk = true;
      walkConditions(item.when, [...itemPath, 'when'], (node, path) => {
        if (node.fact === undefined) return;
        for (const message of comparisonProblems(node, declaredParams)) {
          at(path, message);
          comparisonsOk = false;
        }
      });
      // A comparison already reported would be reported again as a contradiction: judge the whole only when its parts are sound.
      if (comparisonsOk) for (const { path, message } of contradictions(item.when)) at([...itemPath, 'when', ...path], message);
      for (const target of item.supersedes ?? []) {
        if (!allIds.has(target)) at([...itemPath, 'supersedes'], `no item has the id "${target}"`);
      }
      for (const param of item.localRules?.params ?? []) {
        if (!declaredParams.has(param)) at([...itemPath, 'localRules', 'params'], `parameter "${param}" is not declared in document.yaml`);
      }
      const amount = item.amount;
      for (const [key, ref] of [['base', amount?.base], ['months', amount?.months]] as const) {
        if (!ref) continue;
        if ('param' in ref) {
          if (!declaredParams.has(ref.param)) at([...itemPath, 'amount', key], `parameter "${ref.param}" is not declared in document.yaml`);
        } else {
          const def = FACT_BY_NAME.get(ref.fact);
          if (!def || (def.type !== 'number' && def.type !== 'integer')) at([...itemPath, 'amount', key], `"${ref.fact}" is not a declared numeric fact`);
        }
      }
      if (squashedSource !== null && !squashedSource.includes(squash(item.basis.quote))) {
        at([...itemPath, 'basis', 'quote'], 'the quote does not appear verbatim in the source text');
      }
    });
  }

  if (squashedSource === null) {
    problems.push({ file: document.document.source, path: 'document.source', message: 'the source text cannot be read, so quotes cannot be checked' });
  }
  const missing = Array.from({ length: document.document.measures }, (_, i) => i + 1).filter((n) => !seenMeasures.has(n));
  if (missing.length > 0) problems.push({ path: 'measures', message: `measures missing: ${missing.join(', ')}` });
  return problems;
}
