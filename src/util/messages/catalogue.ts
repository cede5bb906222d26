// The catalogue's entries, merged from each layer's file (see ./index.ts).
import { CLI_MESSAGES } from './cli.js';
import { COMMANDER_MESSAGES } from './commander.js';
import { HELP_MESSAGES } from './help-long.js';
import { BATCH_MESSAGES, CASES_MESSAGES, FACTS_MESSAGES, INPUT_MESSAGES, POLICY_MESSAGES, SCHEMA_MESSAGES } from './input.js';
import { REPORT_MESSAGES } from './report.js';
import { LAYER_MESSAGES } from './layers.js';
import type { Lang } from './index.js';

export const CATALOGUE = {
  ...REPORT_MESSAGES,
  ...LAYER_MESSAGES,
  ...INPUT_MESSAGES,
  ...SCHEMA_MESSAGES,
  ...FACTS_MESSAGES,
  ...POLICY_MESSAGES,
  ...CASES_MESSAGES,
  ...BATCH_MESSAGES,
  ...CLI_MESSAGES,
  ...COMMANDER_MESSAGES,
  ...HELP_MESSAGES,
} as const satisfies Record<string, Record<Lang, string>>;
