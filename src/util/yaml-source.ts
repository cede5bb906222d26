import { isAlias, isMap, isNode, isPair, isScalar, isSeq, LineCounter, parseAllDocuments, type Document, type Node, type YAMLError } from 'yaml';
import { decimalWords } from './decimal.js';
import { LIMITS } from './limits.js';
import { msg, render, type Message } from './messages/index.js';
import type { Problem } from './problems.js';

/** A parsed YAML (or JSON, which is YAML) text that can say on which line a value stands. */
export interface YamlSource {
  data: unknown;
  lineOf(path: readonly PropertyKey[]): number | undefined;
}

export type YamlParse = { ok: true; source: YamlSource } | { ok: false; problems: Problem[] };

/**
 * Strict YAML 1.2: keys are plain text, no merge keys, no tags beyond the core schema's, no warnings let through.
 * Keys are checked for uniqueness by inspect(), in linear time: yaml's own check compares each key with every other.
 */
const OPTIONS = { prettyErrors: false, uniqueKeys: false, stringKeys: true, merge: false, resolveKnownTags: false, logLevel: 'silent', version: '1.2' } as const;

const SYNTAX_CODES = new Set(['BAD_INDENT', 'TAB_AS_INDENT', 'MISSING_CHAR', 'MULTILINE_IMPLICIT_KEY', 'BLOCK_AS_IMPLICIT_KEY', 'BAD_DQ_ESCAPE', 'UNEXPECTED_TOKEN']);

/** yaml's own error in words: in English its first line; in Chinese the kind of error by its code. */
function errorMessage(error: YAMLError): Message {
  if (error.code === 'NON_STRING_KEY') return msg('yaml.invalid', { detail: msg('yaml.nonStringKey') });
  if (error.code === 'RESOURCE_EXHAUSTION') return msg('yaml.invalid', { detail: msg('yaml.nested', { max: LIMITS.nesting }) });
  const first = error.message.split('\n')[0]!;
  const tag = /^Unresolved tag: (.*)$/.exec(first);
  if (tag) return msg('yaml.invalid', { detail: msg('yaml.tag', { tag: tag[1]!.replace('tag:yaml.org,2002:', '!!') }) });
  const kind = SYNTAX_CODES.has(error.code) ? msg(`yaml.syntax.${error.code}` as 'yaml.syntax.BAD_INDENT') : msg('yaml.syntax.other', { code: error.code });
  return msg('yaml.invalid', { detail: { zh: render(kind, 'zh'), en: first } });
}

/** How a number may be written in our YAML: no hex (0x10), octal (0o17), exponent (1e3), .inf or .nan. */
const PLAIN_DECIMAL = /^[-+]?(\d+(\.\d*)?|\.\d+)$/;

interface Found {
  offset: number;
  path: (string | number)[];
  message: Message;
}

/**
 * What YAML allows but no input of ours may hold, found in one pass over the nodes (aliases are not followed):
 * aliases without an anchor, or inside what they name (a cycle); merge keys; numbers that are not plain decimals,
 * not finite or not exact; keys twice in one mapping; nesting past the limit. Also the first alias, to locate an alias bomb.
 */
function inspect(doc: Document): { found: Found[]; firstAlias: number | undefined } {
  const found: Found[] = [];
  let firstAlias: number | undefined;
  const stack: { node: unknown; path: (string | number)[] }[] = [{ node: doc.contents, path: [] }];
  while (stack.length > 0) {
    const { node, path } = stack.pop()!;
    if (!isNode(node)) continue;
    const offset = node.range?.[0] ?? 0;
    if (path.length > LIMITS.nesting) {
      found.push({ offset, path, message: msg('yaml.nested', { max: LIMITS.nesting }) });
      continue;
    }
    if (isAlias(node)) {
      firstAlias ??= offset;
      const target = node.resolve(doc);
      if (!target) found.push({ offset, path, message: msg('yaml.aliasNoAnchor', { name: node.source }) });
      else if (target.range && target.range[0] <= offset && offset < target.range[2]) {
        found.push({ offset, path, message: msg('yaml.aliasCycle', { name: node.source }) });
      }
    } else if (isScalar(node)) {
      const value = node.value;
      const written = node.source ?? String(value);
      if (typeof value !== 'number') continue;
      if (!Number.isFinite(value) || !PLAIN_DECIMAL.test(written)) {
        found.push({ offset, path, message: msg('value.notAllowed', { value: written, expected: decimalWords() }) });
      } else if (Math.abs(value) > Number.MAX_SAFE_INTEGER) {
        found.push({ offset, path, message: msg('yaml.tooLarge', { value: written, max: String(Number.MAX_SAFE_INTEGER) }) });
      }
    } else if (isMap(node)) {
      const keys = new Set<string>();
      const children: { node: unknown; path: (string | number)[] }[] = [];
      for (const pair of node.items) {
        const key = isScalar(pair.key) ? String(pair.key.value) : '?';
        const keyOffset = (pair.key as Node | null)?.range?.[0] ?? offset;
        if (key === '<<') found.push({ offset: keyOffset, path: [...path, key], message: msg('yaml.mergeKey') });
        else if (keys.has(key)) found.push({ offset: keyOffset, path: [...path, key], message: msg('yaml.duplicateKey', { key }) });
        keys.add(key);
        children.push({ node: pair.value, path: [...path, key] });
      }
      for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
    } else if (isSeq(node)) {
      for (let i = node.items.length - 1; i >= 0; i--) stack.push({ node: node.items[i], path: [...path, i] });
    }
  }
  return { found, firstAlias };
}

/**
 * The one way every YAML and JSON input is read: a malformed or hostile file (an alias bomb, an alias without its
 * anchor, a duplicate key, .inf or .nan, deep nesting, several documents) gives problems naming its line and path,
 * never an exception; the work is linear in the size of the text.
 */
export function parseYaml(text: string, file?: string): YamlParse {
  const lineCounter = new LineCounter();
  const line = (offset: number) => lineCounter.linePos(offset).line;
  const fail = (offset: number, path: readonly (string | number)[], message: Message): YamlParse => ({
    ok: false,
    problems: [{ file, line: line(offset), path: path.join('.'), message }],
  });
  let docs: Document[];
  try {
    docs = parseAllDocuments(text, { ...OPTIONS, lineCounter }) as Document[];
  } catch (error) {
    return fail(0, [], msg('yaml.invalid', { detail: msg('yaml.unparsable', { detail: (error as Error).message.split('\n')[0]! }) }));
  }
  if (!Array.isArray(docs) || docs.length === 0) return { ok: true, source: { data: null, lineOf: () => undefined } };
  const doc = docs[0]!;
  const error = doc.errors[0] ?? doc.warnings[0];
  if (error) return fail(error.pos[0], [], errorMessage(error));
  if (docs.length > 1) return fail(docs[1]!.contents?.range?.[0] ?? 0, [], msg('yaml.twoDocuments'));
  const { found, firstAlias } = inspect(doc);
  if (found.length > 0) {
    return { ok: false, problems: found.map(({ offset, path, message }) => ({ file, line: line(offset), path: path.join('.'), message })) };
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: LIMITS.aliasUses });
  } catch {
    // The only failure left is yaml's guard against exponential expansion (a "billion laughs" file).
    return fail(firstAlias ?? 0, [], msg('yaml.aliasBomb', { max: LIMITS.aliasUses }));
  }
  const lineOf = (path: readonly PropertyKey[]): number | undefined => {
    for (let depth = path.length; depth >= 0; depth--) {
      const keys = path.slice(0, depth).map((key) => (typeof key === 'symbol' ? String(key) : key));
      const node = depth === 0 ? doc.contents : doc.getIn(keys, true);
      const target = isPair(node) ? node.key : node;
      if (isNode(target) && target.range) return line(target.range[0]);
    }
    return undefined;
  };
  return { ok: true, source: { data, lineOf } };
}
