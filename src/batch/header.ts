import { msg, type Message } from '../util/messages/index.js';
import iconv from 'iconv-lite';
import type { FactDef, FactsDeclaration } from '../facts/facts.js';
import { factKeysOf, headerKey, typoOf } from '../facts/spellings.js';
import { escapeControl } from '../util/escape.js';
import { InputError } from '../util/problems.js';

export { headerKey } from '../facts/spellings.js';

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
  /** Columns up to the last non-empty header cell: a row may have more cells only if they are blank. */
  width: number;
}

interface HeaderSpellings {
  /** Every accepted header spelling → its fact. */
  byHeader: ReadonlyMap<string, FactDef>;
  /** Every spelling, for suggestions. */
  spellings: readonly string[];
}

const headerSpellings = new WeakMap<FactsDeclaration, HeaderSpellings>();

/**
 * The header spellings of a facts declaration, built once per declaration: the names profiles and `--set` take too
 * (see factKeysOf, one rule for all three), and the id column's.
 */
export function headerSpellingsOf(facts: FactsDeclaration): HeaderSpellings {
  let found = headerSpellings.get(facts);
  if (!found) {
    const keys = factKeysOf(facts);
    found = { byHeader: keys.byKey, spellings: [...keys.spellings, ...ID_HEADERS] };
    headerSpellings.set(facts, found);
  }
  return found;
}

const ID_KEYS = new Set(ID_HEADERS.map(headerKey));

/** Unknown columns warned about one by one; more are summed up in one warning that names this many. */
const UNKNOWN_SHOWN = 5;
/** The most columns a header may have. */
export const MAX_COLUMNS = 1_000_000;

/** Characters no one types into a header on purpose: controls, invisible format characters, replacement characters. */
const HIDDEN = /[\p{Cc}\p{Cf}\uFFFD]/gu;
const INVISIBLE = /\p{Cf}/gu;

/** A header for a message: control and invisible characters as \u{…} escapes. */
const quoted = (header: string): string => `"${escapeControl(header).replace(INVISIBLE, (char) => `\\u{${char.codePointAt(0)!.toString(16)}}`)}"`;

/** The fact (or "id") a header key names, or null. */
const named = (key: string, byHeader: HeaderSpellings['byHeader']): string | null => byHeader.get(key)?.name ?? (ID_KEYS.has(key) ? 'id' : null);

/**
 * What a header that names nothing as written would name once cleaned: without hidden characters, or as UTF-8 read
 * back from GBK (a UTF-8 file read with --encoding gbk). Such a column must not be ignored quietly.
 */
function cleanedMeaning(header: string, byHeader: HeaderSpellings['byHeader']): { name: string; why: Message } | null {
  const hidden = named(headerKey(header.replace(HIDDEN, '')), byHeader);
  if (hidden !== null) return { name: hidden, why: msg('header.hidden') };
  if (/[^\x00-\x7f]/.test(header)) {
    const utf8 = iconv.encode(header, 'gbk').toString('utf8');
    const mojibake = utf8.includes('\uFFFD') ? null : named(headerKey(utf8), byHeader);
    if (mojibake !== null) return { name: mojibake, why: msg('header.mojibake') };
  }
  return null;
}

/**
 * Reads the header row: fact names, zh/en labels or aliases (case-insensitive), and an optional id column.
 * Unknown columns are ignored with a warning (one for all of them when there are many). A fact named twice, no fact
 * at all, a header that is not valid text or that names a fact only once cleaned of hidden characters or of the
 * wrong encoding cannot run. Empty header cells at the end do not count as columns.
 */
export function mapHeader(cells: readonly string[], file: string, warn: (message: Message) => void, declared: FactsDeclaration, count = cells.length): HeaderMap {
  const { byHeader, spellings } = headerSpellingsOf(declared);
  let idIndex = -1;
  let idHeader: string | null = null;
  const facts: FactColumn[] = [];
  const seen = new Map<string, string>();
  const problems: Message[] = [];
  const unknown: string[] = [];
  let unknownCount = 0;
  if (count > MAX_COLUMNS) problems.push(msg('header.tooManyColumns', { count: count.toLocaleString('en-US'), max: MAX_COLUMNS.toLocaleString('en-US') }));
  let width = 0;
  cells.forEach((cell, index) => {
    const header = cell.trim();
    if (header === '') return;
    width = index + 1;
    const column = msg('header.column', { index: index + 1, header: quoted(header) });
    if (header.includes('\uFFFD')) {
      problems.push(msg('header.badText', { column }));
      return;
    }
    const key = headerKey(header);
    if (ID_KEYS.has(key)) {
      if (idHeader !== null) problems.push(msg('header.twoIds', { first: quoted(idHeader), second: quoted(header) }));
      else [idIndex, idHeader] = [index, header];
      return;
    }
    const def = byHeader.get(key);
    if (!def) {
      const meaning = cleanedMeaning(header, byHeader);
      if (meaning) problems.push(msg('header.wouldName', { column, name: meaning.name, why: meaning.why }));
      else if (unknownCount++ < UNKNOWN_SHOWN) unknown.push(header);
      return;
    }
    const earlier = seen.get(def.name);
    if (earlier !== undefined) problems.push(msg('header.twoColumnsOneFact', { first: quoted(earlier), second: quoted(header), fact: def.name }));
    else seen.set(def.name, header);
    facts.push({ index, header, def });
  });
  if (problems.length > 0) throw new InputError(problems.map((message) => ({ file, line: 1, path: 'header', message })));
  if (facts.length === 0) {
    const shown = cells.slice(0, 6).map(quoted).join(', ');
    throw new InputError([
      {
        file,
        line: 1,
        path: 'header',
        message: msg('header.noFact', { shown: `${shown}${cells.length > 6 ? ', …' : ''}` }),
      },
    ]);
  }
  if (unknownCount <= UNKNOWN_SHOWN) {
    for (const header of unknown) {
      const typo = typoOf(header, spellings);
      warn(typo ? msg('header.unknownColumnSuggest', { header: quoted(header), typo }) : msg('header.unknownColumn', { header: quoted(header) }));
    }
  } else {
    const columns = unknown.map((header) => {
      const typo = typoOf(header, spellings);
      return typo ? msg('header.columnSuggest', { header: quoted(header), typo }) : quoted(header);
    });
    warn(msg('header.unknownColumns', { count: unknownCount.toLocaleString('en-US'), shown: UNKNOWN_SHOWN, columns }));
  }
  return { idIndex, idHeader, facts, width };
}
