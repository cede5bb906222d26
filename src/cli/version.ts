import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'yaml';
import { documentSchema } from '../policy/schema.js';
import { BUNDLED_POLICIES } from './program.js';

/** `subsidy --version`: the tool's version, then the policy document it carries and when that was issued. */
export async function versionText(version: string): Promise<string> {
  const parsed = documentSchema.safeParse(parse(await readFile(join(BUNDLED_POLICIES, 'document.yaml'), 'utf8')));
  const policy = parsed.success ? `${parsed.data.document.number}, issued ${parsed.data.document.issued}` : 'policies/document.yaml is not valid';
  return `subsidy ${version}\npolicy ${policy}\n`;
}
