import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import type { z } from 'zod';
import { inputError, InputError, type Problem } from '../util/problems.js';
import { parseYaml, type YamlSource } from '../util/yaml-source.js';
import { buildPolicySet, type PolicySet } from './policy-set.js';
import { documentSchema, measureSchema, type DocumentInput, type MeasureInput } from './schema.js';
import { semanticProblems } from './lint.js';

export interface PolicyFile {
  /** The name shown in problems: relative to the working directory. */
  file: string;
  text: string;
}

export interface PolicyFiles {
  document: PolicyFile;
  measures: PolicyFile[];
  /** The source text of the document, for checking quotes; null when it could not be read. */
  sourceText: string | null;
}

export interface PolicyCheck {
  set: PolicySet | null;
  problems: Problem[];
}

function zodProblems(error: z.ZodError, file: string, source: YamlSource): Problem[] {
  return error.issues.flatMap((issue) => {
    const paths = issue.code === 'unrecognized_keys' ? issue.keys.map((key) => [...issue.path, key]) : [issue.path];
    const message = issue.code === 'unrecognized_keys' ? 'unknown key' : issue.message;
    return paths.map((path) => ({ file, line: source.lineOf(path), path: path.join('.'), message }));
  });
}

function parseFile<T>(entry: PolicyFile, schema: z.ZodType<T>, problems: Problem[]): { value: T; source: YamlSource } | null {
  const parsed = parseYaml(entry.text, entry.file);
  if (!parsed.ok) {
    problems.push(...parsed.problems);
    return null;
  }
  const result = schema.safeParse(parsed.source.data);
  if (!result.success) {
    problems.push(...zodProblems(result.error, entry.file, parsed.source));
    return null;
  }
  return { value: result.data, source: parsed.source };
}

/** Validates policy texts: schema first, then meaning (facts, params, quotes, measure numbers, ids). Pure. */
export function checkPolicyFiles(files: PolicyFiles): PolicyCheck {
  const problems: Problem[] = [];
  const document = parseFile<DocumentInput>(files.document, documentSchema, problems);
  const measures = files.measures.map((entry) => ({ entry, parsed: parseFile<MeasureInput>(entry, measureSchema, problems) }));
  if (!document || measures.some((m) => !m.parsed)) return { set: null, problems };
  problems.push(
    ...semanticProblems({
      document: document.value,
      measures: measures.map(({ entry, parsed }) => ({ file: entry.file, value: parsed!.value, source: parsed!.source })),
      sourceText: files.sourceText,
    }),
  );
  if (problems.length > 0) return { set: null, problems };
  return { set: buildPolicySet(document.value, measures.map((m) => m.parsed!.value)), problems };
}

async function readText(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw inputError(code === 'ENOENT' ? 'no such file' : `cannot read: ${(error as Error).message}`, file);
  }
}

/** Reads a policies folder: document.yaml, measures/*.yaml and the source text the document names. */
export async function readPolicyFiles(dir: string, cwd = process.cwd()): Promise<PolicyFiles> {
  const shown = (path: string) => relative(cwd, path) || path;
  const documentPath = join(dir, 'document.yaml');
  const document = { file: shown(documentPath), text: await readText(documentPath) };
  let names: string[];
  try {
    names = (await readdir(join(dir, 'measures'))).filter((name) => /\.ya?ml$/.test(name)).sort();
  } catch {
    throw inputError('no measures/ folder with the measures as YAML', shown(dir));
  }
  const measures = await Promise.all(
    names.map(async (name) => {
      const path = join(dir, 'measures', name);
      return { file: shown(path), text: await readText(path) };
    }),
  );
  const sourceMatch = /^\s+source:\s*(\S+)/m.exec(document.text);
  let sourceText: string | null = null;
  if (sourceMatch) sourceText = await readFile(join(dir, sourceMatch[1]!), 'utf8').catch(() => null);
  return { document, measures, sourceText };
}

export async function loadPolicies(dir: string, cwd?: string): Promise<PolicySet> {
  const { set, problems } = checkPolicyFiles(await readPolicyFiles(dir, cwd));
  if (!set) throw new InputError(problems);
  return set;
}
