import { fixed } from '../util/messages/index.js';
import { statSync } from 'node:fs';
import { dirname, join, posix, resolve, win32 } from 'node:path';
import type { Lang } from '../report/format.js';
import { t } from '../report/messages.js';
import type { SettingSource, Sourced } from '../report/config-text.js';
import { InputError } from '../util/problems.js';
import type { LoadedConfig } from './config-file.js';
import type { Io } from './io.js';

/**
 * Defaults a user or a service window keeps in a file instead of typing them: language, parameters, readings and the
 * policy folder. The project file (subsidy.config.yaml in the working folder or a folder above it, up to the git
 * repository's root) comes before the user's (config.yaml in the user's config folder); flags and SUBSIDY_LANG
 * come before both.
 */

export const PROJECT_CONFIG = 'subsidy.config.yaml';
const LANGS: readonly string[] = ['zh', 'en'];

const exists = (path: string) => {
  try {
    statSync(path);
    return true;
  } catch {
    return false;
  }
};

/**
 * The project's config file: subsidy.config.yaml in `cwd` or the nearest folder above it that has one. The search
 * stops at the root of the git repository `cwd` is in (a folder holding .git), so that a checkout never picks up a
 * file from outside it, and at the filesystem root.
 */
export function projectConfigPath(cwd: string): string | null {
  for (let folder = resolve(cwd); ; folder = dirname(folder)) {
    const candidate = join(folder, PROJECT_CONFIG);
    if (exists(candidate)) return candidate;
    if (exists(join(folder, '.git')) || dirname(folder) === folder) return null;
  }
}

/** The user's config file: %APPDATA%\subsidy\config.yaml on Windows, else $XDG_CONFIG_HOME/subsidy/config.yaml or ~/.config/subsidy/config.yaml. */
export function userConfigPath(env: Io['env'], platform: NodeJS.Platform = process.platform): string | null {
  if (platform === 'win32') return env.APPDATA ? win32.join(env.APPDATA, 'subsidy', 'config.yaml') : null;
  const base = env.XDG_CONFIG_HOME || (env.HOME ? posix.join(env.HOME, '.config') : null);
  return base ? posix.join(base, 'subsidy', 'config.yaml') : null;
}

/** The settings of a run's config files, the project's over the user's, each value with its file and line. */
export interface Settings {
  project: string | null;
  user: string | null;
  /** The files that exist and were read, project first. */
  read: string[];
  lang?: Sourced<Lang>;
  /** Resolved against the folder of the file that names it. */
  policies?: Sourced<string>;
  /** In the order to apply them: the user's first, so that the project's override them. */
  params: { name: string; value: unknown; source: Extract<SettingSource, { kind: 'config' }> }[];
  readings: Record<string, Sourced<string>>;
}

const cache = new WeakMap<Io, Promise<Settings>>();

/**
 * The config files of this run (read once per run); a broken one stops the run (exit 2), naming file, line and key,
 * in the language of --lang (`flagLang`, when the caller knows it), SUBSIDY_LANG or the locale.
 */
export function settingsOf(io: Io, flagLang?: Lang): Promise<Settings> {
  let settings = cache.get(io);
  if (!settings) cache.set(io, (settings = readSettings(io, flagLang ?? langBeforeConfig(io).value)));
  return settings;
}

async function readSettings(io: Io, lang: Lang): Promise<Settings> {
  const project = projectConfigPath(io.cwd);
  const user = userConfigPath(io.env);
  const files = [project, user].filter((file): file is string => file !== null && exists(file));
  // The reader (and zod) only when there is a file to read.
  const loaded: LoadedConfig[] = [];
  if (files.length > 0) {
    const { loadConfigFile } = await import('./config-file.js');
    for (const file of files) loaded.push(loadConfigFile(file, lang));
  }
  const settings: Settings = { project, user, read: loaded.map((file) => file.file), params: [], readings: {} };
  // The user's file first, so that the project's values land on top.
  for (const { file, config, lineOf } of [...loaded].reverse()) {
    const at = (...path: string[]) => ({ kind: 'config' as const, file, line: lineOf(path) });
    if (config.lang) settings.lang = { value: config.lang, source: at('lang') };
    if (config.policies) settings.policies = { value: resolve(dirname(file), config.policies), source: at('policies') };
    for (const [name, value] of Object.entries(config.params ?? {})) settings.params.push({ name, value, source: at('params', name) });
    for (const [id, option] of Object.entries(config.readings ?? {})) settings.readings[id] = { value: option, source: at('readings', id) };
  }
  return settings;
}

/** The language a locale names: zh* is Chinese, any other language English; C and POSIX name none. */
function localeLang(locale: string): Lang | null {
  const lower = locale.toLowerCase();
  if (lower === 'c' || lower === 'posix' || lower.startsWith('c.')) return null;
  return lower.startsWith('zh') ? 'zh' : 'en';
}

/**
 * The system's locale as Intl has it: on Windows the user's display language. Elsewhere ICU takes its default from
 * LC_ALL, LC_MESSAGES and LANG, which the step before has read already, so Intl is not asked there: its first call
 * loads ICU's locale data, about 15 ms of a check's start.
 */
function systemLocale(io: Pick<Io, 'locale'>): string {
  if (io.locale !== undefined) return io.locale;
  if (process.platform !== 'win32') return '';
  try {
    return Intl.DateTimeFormat().resolvedOptions().locale;
  } catch {
    return '';
  }
}

type LangStep = (io: Io) => Sourced<Lang> | null;

const fromEnvVar: LangStep = (io) => {
  const value = io.env.SUBSIDY_LANG;
  if (value === undefined || value === '') return null;
  if (!LANGS.includes(value)) {
    throw new InputError([{ file: 'SUBSIDY_LANG', path: '', message: fixed(t('configBadLangEnv', localeStep(io)?.value ?? 'en', { value })) }]);
  }
  return { value: value as Lang, source: { kind: 'env', name: 'SUBSIDY_LANG' } };
};

const localeStep = (io: Io): Sourced<Lang> | null => {
  for (const name of ['LC_ALL', 'LC_MESSAGES', 'LANG'] as const) {
    const value = io.env[name];
    if (!value) continue;
    const lang = localeLang(value);
    if (lang) return { value: lang, source: { kind: 'locale', name, value } };
    break;
  }
  const locale = systemLocale(io);
  const lang = locale ? localeLang(locale) : null;
  return lang ? { value: lang, source: { kind: 'system', value: locale } } : null;
};

/** The language as far as it is known without the config files: for the config files' own errors. */
export function langBeforeConfig(io: Io): Sourced<Lang> {
  let fromEnv: Sourced<Lang> | null = null;
  try {
    fromEnv = fromEnvVar(io);
  } catch {
    // A bad SUBSIDY_LANG is reported where the language is resolved.
  }
  return fromEnv ?? localeStep(io) ?? { value: 'en', source: { kind: 'default' } };
}

/** The same, for the language steps after the config files (locale, system, English). */
function langAfterConfig(io: Io): Sourced<Lang> {
  return localeStep(io) ?? { value: 'en', source: { kind: 'default' } };
}

/**
 * The output language and where it came from: --lang, then SUBSIDY_LANG, then a config file's lang, then the first
 * of LC_ALL, LC_MESSAGES and LANG that is set (C and POSIX name no language), then the system locale (Intl; on
 * Windows the user's language), then English.
 */
export async function resolveLang(flag: Lang | undefined, io: Io): Promise<Sourced<Lang>> {
  if (flag !== undefined) return { value: flag, source: { kind: 'flag', name: '--lang' } };
  return fromEnvVar(io) ?? (await settingsOf(io)).lang ?? langAfterConfig(io);
}

/** The output language of a run (see resolveLang). */
export async function langOf(flag: Lang | undefined, io: Io): Promise<Lang> {
  return (await resolveLang(flag, io)).value;
}
