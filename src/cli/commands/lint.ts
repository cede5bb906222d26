import { Command } from 'commander';
import { checkPolicyFiles, readPolicyFiles } from '../../policy/load.js';
import { renderJson } from '../../report/json.js';
import { formatProblem } from '../../util/problems.js';
import { commonOptions } from '../context.js';

export function lintCommand(): Command {
  return new Command('lint')
    .description('Check policy files: schema, declared facts and parameters, verbatim quotes, measures present, unique ids')
    .option('--json', 'print {ok, measures, items, problems} as JSON')
    .addOption(commonOptions.policies())
    .addHelpText('after', '\nExit code 1 when a problem is found.\n\nExample:\n  $ subsidy lint --policies policies')
    .action(async (options: { policies: string; json?: boolean }) => {
      const { set, problems } = checkPolicyFiles(await readPolicyFiles(options.policies));
      const summary = { ok: problems.length === 0, measures: set?.measures.length ?? null, items: set?.items.length ?? null, problems };
      if (options.json) process.stdout.write(renderJson(summary));
      else if (set) process.stdout.write(`${options.policies}: ${set.measures.length} measures, ${set.items.length} items, no problems\n`);
      else process.stdout.write(problems.map((p) => `${formatProblem(p)}\n`).join(''));
      process.exitCode = problems.length === 0 ? 0 : 1;
    });
}
