import { Command } from 'commander';
import { catalogue } from '../../engine/catalogue.js';
import { renderJson } from '../../report/json.js';
import { renderCatalogue } from '../../report/list-table.js';
import { commonOptions, loadContext, styleFor, type CommonOptions } from '../context.js';

export function listCommand(): Command {
  return new Command('list')
    .description('The catalogue: all measures with their items, figures, recipients and basis')
    .option('--json', 'print the catalogue as JSON')
    .addOption(commonOptions.lang())
    .addOption(commonOptions.policies())
    .addHelpText('after', '\nExample:\n  $ subsidy list --lang zh\n  $ subsidy list --json | jq \'.measures[] | {measure, items: [.items[].id]}\'')
    .action(async (options: CommonOptions & { json?: boolean }) => {
      const context = await loadContext({ ...options, param: [] });
      const data = catalogue(context.compiled);
      process.stdout.write(options.json ? renderJson(data) : renderCatalogue(data, context.lang, styleFor(process.stdout)));
    });
}
