import { renderConfigReport, type ConfigReport, type SettingSource, type Sourced } from '../../report/config-text.js';
import { renderJson } from '../../report/json.js';
import { resolveLang, settingsOf } from '../config.js';
import { givenParams, inputNotices, loadPolicies, resolveParams, styleFor } from '../context.js';
import { pathIn, type Io } from '../io.js';
import type { CommonOptions } from '../program.js';

/** Where a parameter value came from, as givenParams names it. */
function paramSource(where: string, line: number | undefined, configFiles: readonly string[]): SettingSource {
  if (where === '--param') return { kind: 'flag', name: '--param' };
  if (configFiles.includes(where)) return { kind: 'config', file: where, ...(line !== undefined ? { line } : {}) };
  return { kind: 'flag', name: `--params ${where}${line !== undefined ? `:${line}` : ''}` };
}

/**
 * `subsidy config`: the settings in force and where each came from. The parameters are checked against the policy
 * folder in force, as a run would check them (an unknown one stops with exit 2, naming its file and line).
 */
export async function config(options: CommonOptions & { json?: boolean }, io: Io, policiesFlag: boolean): Promise<number> {
  const settings = await settingsOf(io, options.lang);
  const lang = await resolveLang(options.lang, io);
  const policies: Sourced<string> = policiesFlag
    ? { value: pathIn(io, options.policies), source: { kind: 'flag', name: '--policies' } }
    : (settings.policies ?? { value: options.policies, source: { kind: 'default' } });
  const set = await loadPolicies({ ...options, policies: policies.value }, io);
  const values = await resolveParams(set, options, io, inputNotices(io));
  const given = await givenParams(options, io);
  const params: ConfigReport['params'] = {};
  // The last value given for a parameter is the one in force.
  for (const { name, where, line } of given) params[name] = { value: values[name]!, source: paramSource(where, line, settings.read) };
  const report: ConfigReport = {
    lang,
    policies,
    params,
    readings: settings.readings,
    files: { project: settings.project, user: settings.user, read: settings.read },
  };
  io.stdout.write(options.json ? renderJson(report) : renderConfigReport(report, lang.value, await styleFor(io, 'stdout')));
  return 0;
}
