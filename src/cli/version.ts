import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * What `npm run build` notes about the bundled policy document (dist/version.json): the tool's version, the
 * document's line of `--version`, and the text of policies/document.yaml that line was read from.
 */
export interface VersionNote {
  version: string;
  policy: string;
  documentText: string;
}

const BUNDLED_DOCUMENT = fileURLToPath(new URL('../../policies/document.yaml', import.meta.url));

function attempt<T>(read: () => T): T | null {
  try {
    return read();
  } catch {
    return null;
  }
}

/** The document's number and issue date, read from the text of document.yaml (validated), or that it is not valid. */
export async function policyLine(documentText: string): Promise<string> {
  const [{ parse }, { documentSchema }] = await Promise.all([import('yaml'), import('../policy/schema.js')]);
  const parsed = documentSchema.safeParse(attempt(() => parse(documentText) as unknown));
  return parsed.success ? `${parsed.data.document.number}, issued ${parsed.data.document.issued}` : 'policies/document.yaml is not valid';
}

/**
 * `subsidy --version`: the tool's version, then the policy document it carries and when that was issued. The
 * build's note is used while policies/document.yaml is still the text it was made from; an edited file, or a run
 * from the sources, reads the YAML.
 */
export async function versionText(): Promise<string> {
  const note = attempt(() => JSON.parse(readFileSync(new URL('../version.json', import.meta.url), 'utf8')) as VersionNote);
  const documentText = attempt(() => readFileSync(BUNDLED_DOCUMENT, 'utf8'));
  const version = note?.version ?? (await import('./program.js')).VERSION;
  const policy =
    documentText === null ? 'policies/document.yaml cannot be read' : note?.documentText === documentText ? note.policy : await policyLine(documentText);
  return `subsidy ${version}\npolicy ${policy}\n`;
}
