import { Command, Option } from 'commander';
import { describeAllowed, FACTS } from '../../facts/facts.js';
import { renderJson } from '../../report/json.js';
import { commonOptions, defaultLang } from '../context.js';

/** The facts table, from the one declaration: "subsidy facts --markdown" writes the README's table. */
export function factsCommand(): Command {
  return new Command('facts')
    .description('The facts a profile can hold: name, type, allowed values, labels and help')
    .option('--json', 'print the declaration as JSON')
    .addOption(new Option('--markdown', 'print a Markdown table (for the README)'))
    .addOption(commonOptions.lang())
    .addHelpText('after', '\nExample:\n  $ subsidy facts --lang zh')
    .action((options: { json?: boolean; markdown?: boolean; lang?: 'zh' | 'en' }) => {
      if (options.json) return void process.stdout.write(renderJson(FACTS));
      if (options.markdown) {
        const rows = FACTS.map((f) => `| \`${f.name}\` | ${describeAllowed(f)} | ${f.label.zh} | ${f.label.en} | ${f.help.en} |`);
        return void process.stdout.write(['| fact | allowed | 中文 | label | meaning |', '|---|---|---|---|---|', ...rows, ''].join('\n'));
      }
      const lang = options.lang ?? defaultLang();
      const width = Math.max(...FACTS.map((f) => f.name.length));
      for (const f of FACTS) process.stdout.write(`${f.name.padEnd(width)}  ${f.label[lang]} — ${describeAllowed(f)}\n${' '.repeat(width + 2)}${f.help[lang]}\n`);
    });
}
