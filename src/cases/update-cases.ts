import { isMap, isScalar, isSeq, parseDocument, type Document, type YAMLSeq } from 'yaml';
import type { ItemStatus } from './case-schema.js';
import type { CaseOutcome } from './run-cases.js';

/** One expectation rewritten by --update. */
export type ExpectationChange =
  | { kind: 'status'; file: string; name: string; id: string; from: ItemStatus; to: ItemStatus }
  | { kind: 'estimate'; file: string; name: string; id: string; from: number | null; to: number | null }
  | { kind: 'total'; file: string; name: string; from: number; to: number };

/** The changes --update makes: each failing check becomes what the current policies give. */
export function expectationChanges(outcomes: readonly CaseOutcome[]): ExpectationChange[] {
  return outcomes.flatMap(({ file, name, checks }) =>
    checks.flatMap((check): ExpectationChange[] => {
      if (check.passed) return [];
      if (check.kind === 'total') return [{ kind: 'total', file, name, from: check.expected, to: check.actual }];
      if (check.kind === 'status') return [{ kind: 'status', file, name, id: check.id, from: check.expected, to: check.actual }];
      return [{ kind: 'estimate', file, name, id: check.id, from: check.expected, to: check.actual }];
    }),
  );
}

function removeId(doc: Document, path: (string | number)[], id: string): void {
  const seq = doc.getIn(path, true);
  if (!isSeq(seq)) return;
  seq.items = seq.items.filter((item) => !(isScalar(item) && item.value === id));
  if (seq.items.length === 0) doc.deleteIn(path);
}

function addId(doc: Document, path: (string | number)[], id: string, flow: boolean): void {
  const seq = doc.getIn(path, true);
  if (isSeq(seq)) return void seq.add(doc.createNode(id));
  const created = doc.createNode([id]) as YAMLSeq;
  created.flow = flow;
  doc.setIn(path, created);
}

/**
 * Rewrites a case file's expectations from the outcomes of its cases, keeping its case order, comments and
 * layout wherever the change allows (a moved id leaves one list and joins another, created in the file's style),
 * its line endings (CRLF when it has them) and a byte order mark.
 */
export function updateCaseText(text: string, outcomes: readonly CaseOutcome[]): string {
  const bom = text.startsWith('\uFEFF') ? '\uFEFF' : '';
  const crlf = text.includes('\r\n');
  const doc = parseDocument(text.slice(bom.length), { keepSourceTokens: false });
  for (const outcome of outcomes) {
    const expectPath = [outcome.index, 'expect'];
    const expectNode = doc.getIn(expectPath, true);
    const flow = isMap(expectNode) && [...expectNode.items].some((pair) => isSeq(pair.value) && pair.value.flow);
    for (const check of outcome.checks) {
      if (check.passed) continue;
      if (check.kind === 'status') {
        removeId(doc, [...expectPath, check.expected], check.id);
        addId(doc, [...expectPath, check.actual], check.id, flow || !isMap(expectNode) || expectNode.items.length === 0);
      } else if (check.kind === 'estimate') {
        doc.setIn([...expectPath, 'estimates', check.id], check.actual);
      } else {
        doc.setIn([...expectPath, 'total'], check.actual);
      }
    }
  }
  // The YAML writer ends lines with LF; a line break inside a value is written as an escape or as a line of its own.
  const updated = doc.toString({ lineWidth: 0, flowCollectionPadding: false });
  return bom + (crlf ? updated.replace(/\r?\n/g, '\r\n') : updated);
}
