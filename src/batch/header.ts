import { FACTS, type FactDef } from '../facts/facts.js';
import { InputError } from '../util/problems.js';
import { nearest } from '../util/suggest.js';

/** Header cells that name the applicant's id, which passes through to the output. */
export const ID_HEADERS: readonly string[] = ['id', '编号'];

export interface FactColumn {
  index: number;
  /** The header as the file wrote it, for messages. */
  header: string;
  def: FactDef;
}

export interface HeaderMap {
  /** Position of the id column, or -1 when rows are identified by their number. */
  idIndex: number;
  idHeader: string | null;
  facts: FactColumn[];
  width: number;
}

/** Full-width forms (（）, Ａ) fold to ASCII, case and spaces are ignored: 社保月数, socialInsuranceMonths, Social-insurance months. */
export function headerKey(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/\s+/g, '');
}

function headerNames(def: FactDef): string[] {
  return [def.name, def.label.zh, def.label.en, ...(def.aliases ?? [])];
}

/** Every accepted header spelling → its fact. Built once from the facts declaration. */
export const FACT_BY_HEADER: ReadonlyMap<string, FactDef> = (() => {
  const map = new Map<string, FactDef>();
  for (const def of FACTS) for (const name of headerNames(def)) if (!map.has(headerKey(name))) map.set(headerKey(name), def);
  return map;
})();

const ID_KEYS = new Set(ID_HEADERS.map(headerKey));
const SPELLINGS: readonly string[] = [...FACTS.flatMap(headerNames), ...ID_HEADERS];

/** Two edits turn any short Chinese header into another (姓名 → 学历): for short headers, only one changed character counts. */
function plausibleTypo(header: string, suggestion: string): boolean {
  if (header.length >= 5) return true;
  if (header.length !== suggestion.length) return false;
  let differences = 0;
  for (let i = 0; i < header.length; i++) if (header[i]!.toLowerCase() !== suggestion[i]!.toLowerCase()) differences++;
  return differences <= 1;
}

/**
 * Reads the header row: fact names, zh/en labels or aliases (case-insensitive), and an optional id column.
 * Unknown columns are reported once through `warn` and ignored; a fact named twice, or no fact at all, cannot run.
 */
export function mapHeader(cells: readonly string[], file: string, warn: (message: string) => void): HeaderMap {
  let idIndex = -1;
  let idHeader: string | null = null;
  const facts: FactColumn[] = [];
  const seen = new Map<string, string>();
  const problems: string[] = [];
  cells.forEach((cell, index) => {
    const header = cell.replace(/^\uFEFF/, '').trim();
    if (header === '') return;
    const key = headerKey(header);
    if (ID_KEYS.has(key)) {
      if (idHeader !== null) problems.push(`columns "${idHeader}" and "${header}" are both the id; keep one`);
      else [idIndex, idHeader] = [index, header];
      return;
    }
    const def = FACT_BY_HEADER.get(key);
    if (!def) {
      const suggestion = nearest(header, SPELLINGS);
      const hint = suggestion && plausibleTypo(header, suggestion) ? `; did you mean "${suggestion}"?` : '';
      warn(`unknown column "${header}" is ignored${hint}`);
      return;
    }
    const earlier = seen.get(def.name);
    if (earlier !== undefined) problems.push(`columns "${earlier}" and "${header}" both give ${def.name}; keep one`);
    else seen.set(def.name, header);
    facts.push({ index, header, def });
  });
  if (problems.length > 0) throw new InputError(problems.map((message) => ({ file, line: 1, path: 'header', message })));
  if (facts.length === 0) {
    const shown = cells.slice(0, 6).map((cell) => JSON.stringify(cell)).join(', ');
    const garbled = cells.some((cell) => cell.includes('\uFFFD')) ? '; the header is garbled, so check --encoding (utf-8 or gbk)' : '';
    throw new InputError([
      {
        file,
        line: 1,
        path: 'header',
        message: `no column names a fact (got ${shown}${cells.length > 6 ? ', …' : ''}); the first row must name facts such as 学历 or degree, 社保月数 or socialInsuranceMonths (see "subsidy facts")${garbled}`,
      },
    ]);
  }
  return { idIndex, idHeader, facts, width: cells.length };
}
