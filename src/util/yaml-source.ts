import { LineCounter, parseDocument, isNode, isPair, type Document } from 'yaml';
import type { Problem } from './problems.js';

/** A parsed YAML (or JSON, which is YAML) text that can say on which line a value stands. */
export interface YamlSource {
  data: unknown;
  lineOf(path: readonly PropertyKey[]): number | undefined;
}

export type YamlParse = { ok: true; source: YamlSource } | { ok: false; problems: Problem[] };

export function parseYaml(text: string, file?: string): YamlParse {
  const lineCounter = new LineCounter();
  const doc: Document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    return {
      ok: false,
      problems: doc.errors.map((error) => ({
        file,
        line: lineCounter.linePos(error.pos[0]).line,
        path: '',
        message: `not valid YAML: ${error.message.split('\n')[0]}`,
      })),
    };
  }
  const lineOf = (path: readonly PropertyKey[]): number | undefined => {
    for (let depth = path.length; depth >= 0; depth--) {
      const keys = path.slice(0, depth).map((key) => (typeof key === 'symbol' ? String(key) : key));
      const node = depth === 0 ? doc.contents : doc.getIn(keys, true);
      const target = isPair(node) ? node.key : node;
      if (isNode(target) && target.range) return lineCounter.linePos(target.range[0]).line;
    }
    return undefined;
  };
  return { ok: true, source: { data: doc.toJS({ maxAliasCount: 100 }), lineOf } };
}

