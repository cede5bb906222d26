import { catalogue } from '../../engine/catalogue.js';
import { renderJson } from '../../report/json.js';
import { renderCatalogue } from '../../report/list-table.js';
import { loadContext, styleFor } from '../context.js';
import type { Io } from '../io.js';
import type { CommonOptions } from '../program.js';

export async function list(options: Omit<CommonOptions, 'param'> & { json?: boolean }, io: Io): Promise<number> {
  const context = await loadContext({ ...options, param: [] }, io);
  const data = catalogue(context.compiled);
  io.stdout.write(options.json ? renderJson(data) : renderCatalogue(data, context.lang, await styleFor(io, 'stdout'), context.set.facts));
  return 0;
}
