import { stringify } from 'yaml';
import { joinList, t } from '../util/messages/index.js';
import { factLabel, valueLabel, type FactsDeclaration, type Label, type Profile } from './facts.js';

export interface ProfileHeader {
  /** The day the profile was written, YYYY-MM-DD. */
  date: string;
  lang: keyof Label;
  /** Facts asked and answered "don't know": listed in a comment, left out of the data. */
  unknown?: readonly string[];
  /** The questionnaire was interrupted, and by what: a comment line says so (the data stays a profile check reads). */
  partial?: Interruption;
}

/** What interrupts a questionnaire: SIGINT is Ctrl-C (at a prompt, the key; otherwise the signal it sends). */
export type Interruption = 'SIGINT' | 'SIGTERM' | 'SIGHUP';

/**
 * A profile as YAML that `check --profile` reads back to the same facts: canonical values in the order
 * of the facts declaration, each with its label as a comment.
 */
export function renderProfileYaml(profile: Profile, facts: FactsDeclaration, { date, lang, unknown = [], partial }: ProfileHeader): string {
  // Comment lines: the words are the catalogue's, the "# " is YAML's.
  const comment = (text: string) => `# ${text}`;
  const lines = [
    comment(t('profile.written', lang, { date })),
    ...(partial ? [comment(t('profile.partial', lang, { cause: partial === 'SIGINT' ? 'Ctrl-C' : partial }))] : []),
    comment(t('profile.use', lang)),
  ];
  const known = facts.facts.filter((def) => profile[def.name] !== undefined);
  if (known.length === 0) lines.push('{}');
  for (const def of known) {
    const value = profile[def.name]!;
    lines.push(`${def.name}: ${stringify(value).trimEnd()} # ${def.label[lang]}: ${valueLabel(facts, def.name, value, lang)}`);
  }
  if (unknown.length > 0) {
    const names = joinList(unknown.map((name) => `${name} (${factLabel(facts, name, lang)})`), lang);
    lines.push(comment(t('profile.dontKnow', lang, { names })));
  }
  return `${lines.join('\n')}\n`;
}
