import { readdir, stat } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import type { FactsDeclaration } from '../facts/facts.js';
import type { PolicySet } from '../policy/policy-set.js';
import { readInputText, type TextEncoding } from '../util/input-text.js';
import { LIMITS } from '../util/limits.js';
import { msg, render, type Message } from '../util/messages/index.js';
import { inputError, InputError, type Parsed, type Problem } from '../util/problems.js';
import { nearest } from '../util/suggest.js';
import { parseYaml, type YamlSource } from '../util/yaml-source.js';
import { parseCases, STATUSES, type Case } from './case-schema.js';

export interface LocatedCase extends Case {
  file: string;
  /** Position in its file, from 0. */
  index: number;
  line: number | undefined;
}

export interface CaseFile {
  file: string;
  text: string;
  /** How the file was saved; --update writes UTF-8 only. */
  encoding: TextEncoding;
  source: YamlSource;
  cases: LocatedCase[];
}

/** Parses one case file's text, each problem located on its line. Pure. */
export function parseCaseFile(text: string, file: string, facts: FactsDeclaration, encoding: TextEncoding = 'utf-8'): Parsed<CaseFile> {
  const parsed = parseYaml(text, file);
  if (!parsed.ok) return parsed;
  const { source } = parsed;
  const result = parseCases(source.data, facts);
  if (!result.ok) {
    const problems = result.problems.map((problem) => ({ ...problem, file, line: source.lineOf(problem.path.split('.').map(pathKey)) }));
    return { ok: false, problems };
  }
  const cases = result.value.map((entry, index) => ({ ...entry, file, index, line: source.lineOf([index]) }));
  return { ok: true, value: { file, text, encoding, source, cases } };
}

const pathKey = (segment: string): string | number => (/^\d+$/.test(segment) ? Number(segment) : segment);

/** Expectations and parameters that name things the policies do not have. Pure. */
export function checkCaseReferences(files: readonly CaseFile[], set: PolicySet): Problem[] {
  const ids = new Set(set.items.map((item) => item.id));
  const params = new Set(set.params.map((param) => param.name));
  const problems: Problem[] = [];
  for (const { file, source, cases } of files) {
    const at = (path: (string | number)[], message: Message) => problems.push({ file, line: source.lineOf(path), path: path.join('.'), message });
    const unknownId = (path: (string | number)[], id: string) => {
      const extensions = [...ids].filter((known) => known.startsWith(id));
      const suggestion = nearest(id, ids) ?? (extensions.length === 1 ? extensions[0] : undefined);
      at(path, suggestion ? msg('cases.noItemSuggest', { id, suggestion }) : msg('cases.noItem', { id }));
    };
    for (const entry of cases) {
      const listedIn = new Map<string, string>();
      for (const status of STATUSES) {
        entry.expect[status]?.forEach((id, i) => {
          const path = [entry.index, 'expect', status, i];
          if (!ids.has(id)) return unknownId(path, id);
          const other = listedIn.get(id);
          if (other) at(path, msg('cases.expectedTwice', { id, status: { zh: render(msg(other as 'eligible'), 'zh'), en: other } }));
          listedIn.set(id, status);
        });
      }
      for (const id of Object.keys(entry.expect.estimates ?? {})) {
        if (!ids.has(id)) unknownId([entry.index, 'expect', 'estimates', id], id);
      }
      for (const [id, option] of Object.entries(entry.readings)) {
        const reading = set.readings.find((declared) => declared.id === id);
        if (!reading) {
          const suggestion = nearest(id, set.readings.map((declared) => declared.id));
          at([entry.index, 'readings', id], suggestion ? msg('cases.unknownReadingSuggest', { suggestion }) : msg('cases.unknownReading'));
          continue;
        }
        const options = reading.options.map((known) => known.id);
        if (options.includes(option)) continue;
        const suggestion = nearest(option, options);
        at([entry.index, 'readings', id], suggestion ? msg('lint.readingNoOptionSuggest', { reading: id, option, suggestion, options: options.join(', ') }) : msg('lint.readingNoOption', { reading: id, option, options: options.join(', ') }));
      }
      for (const name of Object.keys(entry.params)) {
        if (params.has(name)) continue;
        const suggestion = nearest(name, params);
        at([entry.index, 'params', name], suggestion ? msg('param.unknownSuggest', { suggestion, known: [...params].join(', ') }) : msg('param.unknown', { known: [...params].join(', ') }));
      }
    }
  }
  return problems;
}

async function caseFilesIn(path: string): Promise<string[]> {
  let info;
  try {
    info = await stat(path);
  } catch {
    throw inputError('cases.noSuchPath', undefined, path);
  }
  if (!info.isDirectory()) return [path];
  const names = (await readdir(path)).filter((name) => /\.ya?ml$/.test(name)).sort();
  if (names.length === 0) throw inputError('cases.noYamlFiles', undefined, path);
  return names.map((name) => join(path, name));
}

/** The text of a case file: UTF-8, UTF-16 or GBK, at most LIMITS.caseFileBytes. */
export const readCaseText = (path: string, file: string) => readInputText(path, { file, maxBytes: LIMITS.caseFileBytes, what: msg('what.caseFile') });

/** Reads case files, and every .yaml file in a folder, in name order; all problems of all files at once. */
export async function loadCases(
  paths: readonly string[],
  facts: FactsDeclaration,
  cwd = process.cwd(),
  onNotice: (notice: Problem) => void = () => {},
): Promise<CaseFile[]> {
  const files = [...new Map((await Promise.all(paths.map(caseFilesIn))).flat().map((path) => [resolve(path), path])).values()];
  const problems: Problem[] = [];
  const loaded: CaseFile[] = [];
  for (const path of files) {
    const shown = relative(cwd, path) || path;
    let decoded;
    try {
      decoded = await readCaseText(path, shown);
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      problems.push(...error.problems);
      continue;
    }
    if (decoded.notice) onNotice(decoded.notice);
    const parsed = parseCaseFile(decoded.text, shown, facts, decoded.encoding);
    if (parsed.ok) loaded.push(parsed.value);
    else problems.push(...parsed.problems);
  }
  if (problems.length > 0) throw new InputError(problems);
  return loaded;
}
