import { stringify } from 'yaml';
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

/** The comment line that marks a profile saved from an interrupted questionnaire, naming what interrupted it. */
export function partialMark(by: Interruption, lang: keyof Label): string {
  const cause = by === 'SIGINT' ? 'Ctrl-C' : by;
  return lang === 'zh' ? `# 未完成：问答在此处被中断（${cause}），其余事实尚未询问。` : `# Unfinished: the questions were interrupted here (${cause}); the other facts were not asked yet.`;
}

/**
 * A profile as YAML that `check --profile` reads back to the same facts: canonical values in the order
 * of the facts declaration, each with its label as a comment.
 */
export function renderProfileYaml(profile: Profile, facts: FactsDeclaration, { date, lang, unknown = [], partial }: ProfileHeader): string {
  const zh = lang === 'zh';
  const lines = [
    zh ? `# 申请人事实，由 \`subsidy ask\` 于 ${date} 写入。` : `# Applicant facts written by \`subsidy ask\` on ${date}.`,
    ...(partial ? [partialMark(partial, lang)] : []),
    zh ? '# 用法：subsidy check --profile 本文件' : '# Use: subsidy check --profile THIS-FILE',
  ];
  const known = facts.facts.filter((def) => profile[def.name] !== undefined);
  if (known.length === 0) lines.push('{}');
  for (const def of known) {
    const value = profile[def.name]!;
    lines.push(`${def.name}: ${stringify(value).trimEnd()} # ${def.label[lang]}: ${valueLabel(facts, def.name, value, lang)}`);
  }
  if (unknown.length > 0) {
    const names = unknown.map((name) => `${name} (${factLabel(facts, name, lang)})`).join(zh ? '、' : ', ');
    lines.push(zh ? `# 回答“不知道”：${names}` : `# Answered "don't know": ${names}`);
  }
  return `${lines.join('\n')}\n`;
}
