import { readFileSync, statSync } from 'node:fs';
import { z } from 'zod';
import type { Lang } from '../report/format.js';
import { t, type MessageKey } from '../report/messages.js';
import { decodeInputBytes } from '../util/input-text.js';
import { formatBytes, LIMITS } from '../util/limits.js';
import { InputError, type Parsed, type Problem } from '../util/problems.js';
import { parseYaml } from '../util/yaml-source.js';

// A config file's format and reading (see config.ts): loaded only when a config file exists, so that a run without
// one never loads zod for it.

export const LANGS = ['zh', 'en'] as const satisfies readonly Lang[];
const KEYS = ['lang', 'policies', 'params', 'readings'] as const;

/** A config file as written. */
export interface ConfigFile {
  lang?: Lang;
  /** As written: relative to the file's folder. */
  policies?: string;
  params?: Record<string, number | string>;
  /** Reading id → option, passed to the policy's readings. */
  readings?: Record<string, string>;
}

const configSchema = z
  .object({
    $schema: z.string().optional(),
    lang: z.enum(LANGS).optional(),
    policies: z.string().trim().min(1).optional(),
    params: z.record(z.string().min(1), z.union([z.number(), z.string().min(1)])).optional(),
    readings: z.record(z.string().min(1), z.string().min(1)).optional(),
  })
  .strict();

/** What each key allows, in words, for the error naming it. */
const ALLOWED: Record<(typeof KEYS)[number], MessageKey> = {
  lang: 'configBadLang',
  policies: 'configBadPolicies',
  params: 'configBadParams',
  readings: 'configBadReadings',
};

/** Validates a config file's data (null, an empty file, is no settings). Problems name the key. */
export function parseConfig(input: unknown, lang: Lang = 'en'): Parsed<ConfigFile> {
  if (input === null || input === undefined) return { ok: true, value: {} };
  if (typeof input !== 'object' || Array.isArray(input)) return { ok: false, problems: [{ path: '', message: t('configNotMapping', lang) }] };
  const result = configSchema.safeParse(input);
  if (result.success) {
    const { $schema: _schema, ...value } = result.data;
    return { ok: true, value };
  }
  const problems = result.error.issues.flatMap((issue): Problem[] => {
    if (issue.code === 'unrecognized_keys') return issue.keys.map((key) => ({ path: key, message: t('configUnknownKey', lang, { keys: KEYS.join(', ') }) }));
    const key = String(issue.path[0] ?? '') as (typeof KEYS)[number];
    const path = issue.path.map(String).join('.');
    return [{ path, message: key in ALLOWED ? t(ALLOWED[key], lang) : issue.message }];
  });
  return { ok: false, problems };
}

/** A config file read: its settings, and the line each key stands on. */
export interface LoadedConfig {
  file: string;
  config: ConfigFile;
  lineOf(path: readonly string[]): number | undefined;
}

/** Reads and validates one config file that exists. Every problem names the file, line and key. */
export function loadConfigFile(file: string, lang: Lang): LoadedConfig {
  let bytes: Buffer;
  try {
    if (statSync(file).isDirectory()) throw new InputError([{ file, path: '', message: t('configIsFolder', lang) }]);
    bytes = readFileSync(file);
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError([{ file, path: '', message: `${t('configUnreadable', lang)}: ${(error as Error).message}` }]);
  }
  if (bytes.length > LIMITS.configBytes) throw new InputError([{ file, path: '', message: t('configTooLarge', lang, { limit: formatBytes(LIMITS.configBytes) }) }]);
  const { text } = decodeInputBytes(bytes, file);
  const parsed = parseYaml(text, file);
  if (!parsed.ok) throw new InputError(parsed.problems);
  const config = parseConfig(parsed.source.data, lang);
  if (!config.ok) throw new InputError(config.problems.map((problem) => ({ ...problem, file, line: parsed.source.lineOf(problem.path ? problem.path.split('.') : []) })));
  return { file, config: config.value, lineOf: (path) => parsed.source.lineOf(path) };
}

