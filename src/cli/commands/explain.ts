import { Command, Option } from 'commander';
import { explainItem } from '../../engine/explain.js';
import { loadProfile } from '../../facts/profile.js';
import { renderExplanation } from '../../report/explain-text.js';
import { renderJson } from '../../report/json.js';
import { inputError } from '../../util/problems.js';
import { nearest } from '../../util/suggest.js';
import { addEvaluationOptions, loadContext, styleFor, type CommonOptions } from '../context.js';

interface ExplainOptions extends CommonOptions {
  profile?: string;
  json?: boolean;
}

export function explainCommand(): Command {
  return addEvaluationOptions(
    new Command('explain')
      .description('Why an item applies or not: its conditions node by node, the amount, the legal clause and what would change it')
      .argument('<item>', 'the item id, e.g. m14-graduate-hiring-subsidy (see "subsidy list")')
      .addOption(new Option('--profile <file>', "the applicant's facts, as YAML or JSON"))
      .option('--json', 'print {item, status, condition, trace, reasons, amount, nearMiss?} as JSON'),
  )
    .addHelpText('after', '\nExample:\n  $ subsidy explain m14-graduate-hiring-subsidy --profile me.yaml --lang zh')
    .action(async (id: string, options: ExplainOptions) => {
      if (!options.profile) throw inputError('explain needs --profile FILE (a YAML or JSON file of facts; see "subsidy facts")');
      const context = await loadContext(options);
      const ids = context.set.items.map((item) => item.id);
      if (!ids.includes(id)) {
        const suggestion = nearest(id, ids);
        throw inputError(`unknown item "${id}"${suggestion ? `; did you mean "${suggestion}"?` : ''} (see "subsidy list" for the ids)`);
      }
      const profile = await loadProfile(options.profile);
      const explanation = explainItem(context.compiled, profile, context.asOf, id)!;
      process.stdout.write(options.json ? renderJson(explanation) : renderExplanation(explanation, context.lang, styleFor(process.stdout)));
    });
}
