import { formatProblem } from '../util/problems.js';
import type { Lang, Style } from './format.js';
import { t } from './messages.js';
import { colon as colonIn, parenthesised } from '../util/messages/index.js';

/** Where a setting in force came from. */
export type SettingSource =
  | { kind: 'flag'; name: string }
  | { kind: 'env'; name: string }
  | { kind: 'config'; file: string; line?: number }
  | { kind: 'locale'; name: string; value: string }
  | { kind: 'system'; value: string }
  | { kind: 'default' };

export interface Sourced<T> {
  value: T;
  source: SettingSource;
}

/** What `subsidy config` prints: every setting in force, with where it came from, and the files looked at. */
export interface ConfigReport {
  lang: Sourced<Lang>;
  policies: Sourced<string>;
  params: Record<string, Sourced<number>>;
  readings: Record<string, Sourced<string>>;
  files: { project: string | null; user: string | null; read: string[] };
}

export function sourceText(source: SettingSource, lang: Lang): string {
  switch (source.kind) {
    case 'flag':
      return source.name;
    case 'env':
      return t('sourceEnv', lang, { name: source.name });
    case 'config':
      return t('sourceConfig', lang, { file: [source.file, source.line].filter((part) => part !== undefined).join(':') });
    case 'locale':
      return t('sourceLocale', lang, { name: source.name, value: source.value });
    case 'system':
      return t('sourceSystem', lang, { value: source.value });
    case 'default':
      return t('sourceDefault', lang);
  }
}

/** The settings as lines: name, value, and in brackets where it came from. */
export function renderConfigReport(report: ConfigReport, lang: Lang, style: Style): string {
  const colon = colonIn(lang);
  const from = (source: SettingSource) => style.dim(parenthesised(t('config.from', lang, { source: sourceText(source, lang) }), lang));
  const lines = [
    `${t('configLang', lang)}${colon}${report.lang.value} ${from(report.lang.source)}`,
    `${t('configPolicies', lang)}${colon}${report.policies.value} ${from(report.policies.source)}`,
  ];
  const entries = (heading: string, map: Record<string, Sourced<unknown>>) => {
    const names = Object.keys(map);
    lines.push(`${heading}${names.length === 0 ? `${colon}${t('none', lang)}` : colon.trim()}`);
    for (const name of names) lines.push(`  ${name} = ${String(map[name]!.value)} ${from(map[name]!.source)}`);
  };
  entries(t('configParams', lang), report.params);
  entries(t('configReadings', lang), report.readings);
  const file = (path: string | null) => (path === null ? t('none', lang) : `${path}${report.files.read.includes(path) ? '' : ` ${style.dim(t('configNotThere', lang))}`}`);
  lines.push(`${t('configProjectFile', lang)}${colon}${report.files.project === null ? t('configNoProjectFile', lang) : file(report.files.project)}`);
  lines.push(`${t('configUserFile', lang)}${colon}${file(report.files.user)}`);
  return `${lines.join('\n')}\n`;
}
