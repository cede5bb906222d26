import type { HeaderMap } from './header.js';
import type { CodedRowVisitor } from './read-applicants.js';
import { rowId, type RowError } from './row-coder.js';

/** A row coder's sink that hands each row to `visitor` as soon as its codes are written: one row at a time. */
export function codedRowSink(visitor: CodedRowVisitor) {
  let hasIds = false;
  const sink = {
    codes: new Float64Array(0) as Float64Array,
    offset: 0,
    header(map: HeaderMap) {
      sink.codes = new Float64Array(map.facts.length);
      hasIds = map.idIndex >= 0;
      visitor.header(map.facts.map((column) => column.def.name));
    },
    reserve() {},
    ok: (row: number, id: string) => visitor.ok(row, rowId(hasIds ? id : null, row), sink.codes, 0),
    error: (row: number, id: string, errors: RowError[]) => visitor.error(row, rowId(hasIds ? id : null, row), errors),
  };
  return { sink };
}
