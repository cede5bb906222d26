/**
 * Plain data to JSON values and back, for caches. It keeps what JSON alone would lose or change: properties set to
 * undefined, an object reached from two places (one object again, not two copies), Maps, Sets and non-finite
 * numbers. Anything else (functions, class instances, cycles, an own "$$" key) is refused with NotPlainData, and the
 * caller does without the cache.
 */
const TAG = '$$';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export class NotPlainData extends Error {}

function isPlainObject(value: object): boolean {
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

function childrenOf(value: object): unknown[] {
  if (Array.isArray(value)) return value;
  if (value instanceof Map) return [...value.keys(), ...value.values()];
  if (value instanceof Set) return [...value];
  if (!isPlainObject(value)) throw new NotPlainData(`not plain data: ${value.constructor?.name ?? 'object'}`);
  if (Object.hasOwn(value, TAG)) throw new NotPlainData(`not plain data: a "${TAG}" key`);
  return Object.values(value);
}

export function encodePlainData(value: unknown): Json {
  // First every object's number of uses (and cycles), then the text: objects used more than once get an id.
  const uses = new Map<object, number>();
  const onPath = new Set<object>();
  const count = (node: unknown): void => {
    if (typeof node !== 'object' || node === null) return;
    if (onPath.has(node)) throw new NotPlainData('not plain data: a cycle');
    const seen = uses.get(node) ?? 0;
    uses.set(node, seen + 1);
    if (seen > 0) return;
    onPath.add(node);
    for (const child of childrenOf(node)) count(child);
    onPath.delete(node);
  };
  count(value);

  const ids = new Map<object, number>();
  const encode = (node: unknown): Json => {
    if (node === undefined) return { [TAG]: 'undefined' };
    if (node === null || typeof node === 'string' || typeof node === 'boolean') return node;
    if (typeof node === 'number') return Number.isFinite(node) && !Object.is(node, -0) ? node : { [TAG]: 'number', v: Object.is(node, -0) ? '-0' : String(node) };
    if (typeof node !== 'object') throw new NotPlainData(`not plain data: a ${typeof node}`);
    const id = ids.get(node);
    if (id !== undefined) return { [TAG]: 'ref', id };
    const shared = uses.get(node)! > 1;
    if (shared) ids.set(node, ids.size);
    let body: Json;
    if (Array.isArray(node)) body = node.map(encode);
    else if (node instanceof Map) body = { [TAG]: 'map', v: [...node].map(([key, item]) => [encode(key), encode(item)]) };
    else if (node instanceof Set) body = { [TAG]: 'set', v: [...node].map(encode) };
    else body = Object.fromEntries(Object.entries(node).map(([key, item]) => [key, encode(item)]));
    return shared ? { [TAG]: 'def', id: ids.get(node)!, v: body } : body;
  };
  return encode(value);
}

/**
 * The value encodePlainData encoded (after JSON.stringify and JSON.parse). Throws on a value it did not make. The
 * arrays and objects of `json` become the value's (filled in place, not copied: a compiled policy set is read on
 * every run, and copying it doubles what a run allocates), so `json` is not to be used after.
 */
export function decodePlainData(json: Json): unknown {
  const defined = new Map<number, unknown>();
  const decode = (node: Json): unknown => {
    if (node === null || typeof node !== 'object') return node;
    if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i++) (node as unknown[])[i] = decode(node[i]!);
      return node;
    }
    const tag = node[TAG];
    if (tag === undefined) {
      // An own "__proto__" key (JSON.parse makes one) is a plain property: setting it changes no prototype.
      for (const key of Object.keys(node)) (node as Record<string, unknown>)[key] = decode(node[key]!);
      return node;
    }
    const body = node.v as Json;
    switch (tag) {
      case 'undefined':
        return undefined;
      case 'number':
        return Number(body);
      case 'map':
        return new Map((body as Json[][]).map(([key, item]) => [decode(key!), decode(item!)]));
      case 'set':
        return new Set((body as Json[]).map(decode));
      case 'def': {
        const value = decode(body);
        defined.set(node.id as number, value);
        return value;
      }
      case 'ref':
        if (!defined.has(node.id as number)) throw new NotPlainData('a reference before its definition');
        return defined.get(node.id as number);
      default:
        throw new NotPlainData(`unknown tag ${JSON.stringify(tag)}`);
    }
  };
  return decode(json);
}
