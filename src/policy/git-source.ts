import { execFile } from 'node:child_process';
import { stat } from 'node:fs/promises';
import { isAbsolute, posix, relative, resolve, sep } from 'node:path';
import { promisify } from 'node:util';
import { inputError } from '../util/problems.js';
import { readPolicyFiles, type PolicyFiles } from './load.js';

const run = promisify(execFile);

async function git(args: string[], cwd: string): Promise<string | null> {
  try {
    const { stdout } = await run('git', args, { cwd, maxBuffer: 64 * 1024 * 1024, encoding: 'utf8' });
    return stdout;
  } catch {
    return null;
  }
}

export interface PolicySourceOptions {
  /** The option that named the source, for messages: "--base". */
  option: string;
  /** The policies folder in the working tree; its place in the repository is where it is read at a revision. */
  policiesDir: string;
  cwd?: string;
}

/** Where the policies folder stands inside the repository, as a git path; "policies" when it is outside the repository. */
function pathInRepo(root: string, policiesDir: string, cwd: string): string {
  const inside = relative(root, resolve(cwd, policiesDir));
  if (inside === '' || inside.startsWith('..') || isAbsolute(inside)) return inside === '' ? '.' : 'policies';
  return inside.split(sep).join('/');
}

/**
 * Reads the policy files at a git revision with `git ls-tree` and `git show`: nothing in the working tree or the
 * index is touched. File names in problems read "REV:path".
 */
export async function readPolicyFilesAtRevision(revision: string, options: PolicySourceOptions): Promise<PolicyFiles> {
  const cwd = options.cwd ?? process.cwd();
  const notFound = { option: options.option, revision };
  if (revision.startsWith('-')) throw inputError('git.notFound', notFound);
  const root = (await git(['rev-parse', '--show-toplevel'], cwd))?.trim();
  if (!root) throw inputError('git.notFoundNoRepo', { ...notFound, cwd });
  const commit = (await git(['rev-parse', '--verify', '--quiet', `${revision}^{commit}`], cwd))?.trim();
  if (!commit) throw inputError('git.notFound', notFound);
  const dir = pathInRepo(root, options.policiesDir, cwd);
  const prefix = dir === '.' ? '' : `${dir}/`;
  const listing = await git(['ls-tree', '-r', '-z', '--name-only', '--full-tree', commit, '--', prefix || '.'], root);
  const names = (listing ?? '').split('\0').filter(Boolean);
  const show = async (path: string) => {
    const text = await git(['show', `${commit}:${path}`], root);
    if (text === null) throw inputError('git.cannotRead', { path, revision });
    return { file: `${revision}:${path}`, text };
  };
  if (!names.includes(`${prefix}document.yaml`)) throw inputError('git.noDocument', { path: `${prefix}document.yaml`, revision }, `${options.option} ${revision}`);
  const measureNames = names.filter((name) => name.startsWith(`${prefix}measures/`) && /^[^/]+\.ya?ml$/.test(name.slice(prefix.length + 'measures/'.length))).sort();
  const document = await show(`${prefix}document.yaml`);
  const facts = names.includes(`${prefix}facts.yaml`) ? await show(`${prefix}facts.yaml`) : null;
  const readings = names.includes(`${prefix}readings.yaml`) ? await show(`${prefix}readings.yaml`) : null;
  const measures = await Promise.all(measureNames.map(show));
  // As readPolicyFiles does: the document names its source text, relative to the policies folder.
  const sourceMatch = /^\s+source:\s*(\S+)/m.exec(document.text);
  const sourcePath = sourceMatch ? posix.normalize(`${prefix}${sourceMatch[1]!}`) : null;
  const sourceText = sourcePath && names.includes(sourcePath) ? await git(['show', `${commit}:${sourcePath}`], root) : null;
  return { document, facts, readings, measures, sourceText };
}

/** A policies source given as DIR or GITREF: a path that exists is a folder; anything else is tried as a git revision. */
export async function readPolicySource(spec: string, options: PolicySourceOptions): Promise<PolicyFiles> {
  const info = await stat(resolve(options.cwd ?? process.cwd(), spec)).catch(() => null);
  if (info?.isDirectory()) return readPolicyFiles(resolve(options.cwd ?? process.cwd(), spec));
  if (info) throw inputError('git.isFile', { option: options.option }, spec);
  return readPolicyFilesAtRevision(spec, options);
}
