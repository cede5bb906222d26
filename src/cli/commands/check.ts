import { Command, Option } from 'commander';
import { evaluate } from '../../engine/evaluate.js';
import { loadProfile } from '../../facts/profile.js';
import { renderCheckTable } from '../../report/check-table.js';
import { renderJson } from '../../report/json.js';
import { inputError } from '../../util/problems.js';
import { commonOptions, loadContext, printNotices, styleFor, type CommonOptions } from '../context.js';

interface CheckOptions extends CommonOptions {
  profile?: string;
  json?: boolean;
  all?: boolean;
}

export function checkCommand(): Command {
  return new Command('check')
    .description('Every subsidy and benefit an applicant can get, with amounts and legal basis')
    .addOption(new Option('--profile <file>', 'the applicant\'s facts, as YAML or JSON'))
    .option('--json', 'print the result as JSON')
    .option('--all', 'also list the items that do not apply, and why')
    .addOption(commonOptions.lang())
    .addOption(commonOptions.asOf())
    .addOption(commonOptions.policies())
    .addOption(commonOptions.param())
    .addOption(commonOptions.params())
    .addHelpText('after', '\nExample:\n  $ subsidy check --profile fixtures/profiles/graduate-small-firm.yaml --as-of 2024-06-30\n  $ subsidy check --profile me.yaml --json --param m03-district-housing-subsidy=100000')
    .action(async (options: CheckOptions) => {
      if (!options.profile) throw inputError('check needs --profile FILE (a YAML or JSON file of facts; see "subsidy facts")');
      const context = await loadContext(options);
      const profile = await loadProfile(options.profile);
      const result = evaluate(context.compiled, profile, context.asOf);
      printNotices(result.notices, context.lang);
      process.stdout.write(
        options.json ? renderJson(result) : renderCheckTable(result, { lang: context.lang, style: styleFor(process.stdout), all: Boolean(options.all) }),
      );
    });
}
