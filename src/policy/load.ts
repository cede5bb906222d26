import { readFileSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseFacts } from '../facts/facts-file.js';
import type { FactsDeclaration } from '../facts/facts.js';
import type { z } from 'zod';
import { groupThousands } from '../util/decimal.js';
import { readInputText } from '../util/input-text.js';
import { LIMITS } from '../util/limits.js';
import { inputError, InputError, type Problem } from '../util/problems.js';
import { parseYaml, type YamlSource } from '../util/yaml-source.js';
import { msg } from '../util/messages/index.js';
import { zodIssues } from '../util/zod-issues.js';
import { buildPolicySet, type PolicySet } from './policy-set.js';
import { documentSchema, measureSchema, type DocumentInput, type MeasureInput } from './schema.js';
import { semanticProblems } from './lint.js';
import type { ReadingDef } from './readings.js';
import { parseReadings } from './readings-file.js';

export interface PolicyFile {
  /** The name shown in problems: relative to the working directory. */
  file: string;
  text: string;
}

export interface PolicyFiles {
  document: PolicyFile;
  /** facts.yaml; absent or null in a folder that has none, which then uses the bundled facts. */
  facts?: PolicyFile | null;
  /** readings.yaml; absent or null in a folder that has none: no readings. */
  readings?: PolicyFile | null;
  measures: PolicyFile[];
  /** The source text of the document, for checking quotes; null when it could not be read. */
  sourceText: string | null;
}

export interface PolicyCheck {
  set: PolicySet | null;
  problems: Problem[];
}

function zodProblems(error: z.ZodError, file: string, source: YamlSource): Problem[] {
  return zodIssues(error).map(({ path, message }) => ({ file, line: source.lineOf(path), path: path.map(String).join('.'), message }));
}

/** Items seen so far across the files of one check, so that a policy past LIMITS.items is refused before validation. */
interface ItemCount {
  items: number;
}

function parseFile<T>(entry: PolicyFile, schema: z.ZodType<T>, problems: Problem[], count: ItemCount): { value: T; source: YamlSource } | null {
  const parsed = parseYaml(entry.text, entry.file);
  if (!parsed.ok) {
    problems.push(...parsed.problems);
    return null;
  }
  const items = (parsed.source.data as { items?: unknown } | null)?.items;
  count.items += Array.isArray(items) ? items.length : 0;
  if (count.items > LIMITS.items) {
    problems.push({ file: entry.file, path: 'items', message: msg('policy.tooManyItems', { max: groupThousands(LIMITS.items) }) });
    return null;
  }
  const result = schema.safeParse(parsed.source.data);
  if (!result.success) {
    problems.push(...zodProblems(result.error, entry.file, parsed.source));
    return null;
  }
  return { value: result.data, source: parsed.source };
}

/** The bundled policies' facts.yaml. */
export const BUNDLED_FACTS_FILE = fileURLToPath(new URL('../../policies/facts.yaml', import.meta.url));

/** A facts.yaml text as a declaration, each problem on its line. */
export function checkFactsFile(entry: PolicyFile): { facts: FactsDeclaration | null; problems: Problem[] } {
  const parsed = parseYaml(entry.text, entry.file);
  if (!parsed.ok) return { facts: null, problems: parsed.problems };
  const result = parseFacts(parsed.source.data);
  if (result.ok) return { facts: result.value, problems: [] };
  const problems = result.problems.map((problem) => ({ ...problem, file: entry.file, line: parsed.source.lineOf(problem.path === '' ? [] : problem.path.split('.')) }));
  return { facts: null, problems };
}

/** A readings.yaml text as the readings, each problem on its line. */
export function checkReadingsFile(entry: PolicyFile): { readings: ReadingDef[] | null; problems: Problem[]; source?: YamlSource } {
  const parsed = parseYaml(entry.text, entry.file);
  if (!parsed.ok) return { readings: null, problems: parsed.problems };
  const result = parseReadings(parsed.source.data);
  if (result.ok) return { readings: result.value, problems: [], source: parsed.source };
  const problems = result.problems.map((problem) => ({ ...problem, file: entry.file, line: parsed.source.lineOf(problem.path === '' ? [] : problem.path.split('.')) }));
  return { readings: null, problems };
}

let bundled: FactsDeclaration | null = null;

/** The bundled facts, for a policy folder without a facts.yaml of its own (e.g. an older revision). Read once. */
export function bundledFacts(): FactsDeclaration {
  if (bundled) return bundled;
  const { facts, problems } = checkFactsFile({ file: BUNDLED_FACTS_FILE, text: readFileSync(BUNDLED_FACTS_FILE, 'utf8') });
  if (!facts) throw new InputError(problems);
  return (bundled = facts);
}

/** Validates policy texts: the facts, then each file's schema, then meaning (facts, params, quotes, measure numbers, ids). Pure but for the bundled facts. */
export function checkPolicyFiles(files: PolicyFiles): PolicyCheck {
  const problems: Problem[] = [];
  const declared = files.facts ? checkFactsFile(files.facts) : { facts: bundledFacts(), problems: [] };
  problems.push(...declared.problems);
  const readings = files.readings ? checkReadingsFile(files.readings) : { readings: [], problems: [] };
  problems.push(...readings.problems);
  const count: ItemCount = { items: 0 };
  const document = parseFile<DocumentInput>(files.document, documentSchema, problems, count);
  const measures = files.measures.map((entry) => ({ entry, parsed: parseFile<MeasureInput>(entry, measureSchema, problems, count) }));
  const facts = declared.facts;
  if (!facts || !readings.readings || !document || measures.some((m) => !m.parsed)) return { set: null, problems };
  problems.push(
    ...semanticProblems({
      document: document.value,
      measures: measures.map(({ entry, parsed }) => ({ file: entry.file, value: parsed!.value, source: parsed!.source })),
      sourceText: files.sourceText,
      facts,
      readings: readings.readings,
      readingsAt: files.readings && readings.source ? (path) => ({ file: files.readings!.file, line: readings.source!.lineOf(path) }) : null,
    }),
  );
  if (problems.length > 0) return { set: null, problems };
  return { set: buildPolicySet(document.value, measures.map((m) => m.parsed!.value), facts, readings.readings), problems };
}

const readPolicyText = (path: string, file: string) => readInputText(path, { file, maxBytes: LIMITS.policyFileBytes, what: msg('what.policyFile') });

/** A policies folder's facts.yaml (or another optional file, read as the policy files are); null when it has none. */
async function readFactsFile(dir: string, cwd = process.cwd(), onNotice: (notice: Problem) => void = () => {}, name = 'facts.yaml'): Promise<PolicyFile | null> {
  const path = join(dir, name);
  const shown = relative(cwd, path) || path;
  const exists = await stat(path).then(
    () => true,
    (error: NodeJS.ErrnoException) => error.code !== 'ENOENT',
  );
  if (!exists) return null;
  const { text, notice } = await readPolicyText(path, shown);
  if (notice) onNotice(notice);
  return { file: shown, text };
}

/**
 * Reads a policies folder: document.yaml, facts.yaml and readings.yaml (if there are), measures/*.yaml and the source text the
 * document names. Each file is UTF-8, UTF-16 or GBK, at most LIMITS.policyFileBytes; a notice says which was not UTF-8.
 */
export async function readPolicyFiles(dir: string, cwd = process.cwd(), onNotice: (notice: Problem) => void = () => {}): Promise<PolicyFiles> {
  const shown = (path: string) => relative(cwd, path) || path;
  const read = async (path: string): Promise<PolicyFile> => {
    const { text, notice } = await readPolicyText(path, shown(path));
    if (notice) onNotice(notice);
    return { file: shown(path), text };
  };
  const document = await read(join(dir, 'document.yaml'));
  const facts = await readFactsFile(dir, cwd, onNotice);
  const readings = await readFactsFile(dir, cwd, onNotice, 'readings.yaml');
  let names: string[];
  try {
    names = (await readdir(join(dir, 'measures'))).filter((name) => /\.ya?ml$/.test(name)).sort();
  } catch {
    throw inputError('policy.noMeasures', undefined, shown(dir));
  }
  const measures = await Promise.all(names.map((name) => read(join(dir, 'measures', name))));
  const sourceMatch = /^\s+source:\s*(\S+)/m.exec(document.text);
  let sourceText: string | null = null;
  if (sourceMatch) sourceText = await read(join(dir, sourceMatch[1]!)).then((file) => file.text, () => null);
  return { document, facts, readings, measures, sourceText };
}

/** The facts of a policies folder: its facts.yaml, or the bundled facts when it has none. */
export async function loadFacts(dir: string, cwd?: string, onNotice?: (notice: Problem) => void): Promise<FactsDeclaration> {
  const facts = await readFactsFile(dir, cwd, onNotice);
  if (!facts) return bundledFacts();
  const checked = checkFactsFile(facts);
  if (!checked.facts) throw new InputError(checked.problems);
  return checked.facts;
}

export async function loadPolicies(dir: string, cwd?: string, onNotice?: (notice: Problem) => void): Promise<PolicySet> {
  const { set, problems } = checkPolicyFiles(await readPolicyFiles(dir, cwd, onNotice));
  if (!set) throw new InputError(problems);
  return set;
}
