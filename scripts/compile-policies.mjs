// npm run build, after tsc: the build's identity (dist/build.json: a hash of the version and the compiled code, part
// of every compiled policy set's key), the note `subsidy --version` reads (dist/version.json), the bundled policies
// compiled once (dist/policies.json), so that a run reads JSON instead of parsing, validating and linting the YAML.
// A run uses each only while what it was made from is unchanged.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DIST = join(ROOT, 'dist');
const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));

const code = readdirSync(DIST, { recursive: true })
  .filter((name) => name.endsWith('.js'))
  .map((name) => name.split('\\').join('/'))
  .sort();
const hash = createHash('sha256').update(`${version}\0`);
for (const name of code) hash.update(`${name}\0`).update(readFileSync(join(DIST, name)));
const build = `${version}+${hash.digest('hex').slice(0, 16)}`;
writeFileSync(join(DIST, 'build.json'), `${JSON.stringify({ version, build })}\n`);

// `subsidy --version` reads this note instead of the YAML, while policies/document.yaml is the text it was made from.
// Each is made again only when what it is made from has changed: `npm test` builds first, mostly with nothing to do.
const readJson = (path) => {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return null;
  }
};
const documentText = readFileSync(join(ROOT, 'policies', 'document.yaml'), 'utf8');
const note = readJson(join(DIST, 'version.json'));
if (note?.version !== version || note?.documentText !== documentText) {
  const { policyLine } = await import('../dist/cli/version.js');
  writeFileSync(join(DIST, 'version.json'), `${JSON.stringify({ version, policy: await policyLine(documentText), documentText })}\n`);
}

const { compiledSetKey, compiledSetText, hashPolicyFolder } = await import('../dist/policy/compiled-set.js');
const policies = join(ROOT, 'policies');
const key = compiledSetKey(build, await hashPolicyFolder(policies));
const compiled = readJson(join(DIST, 'policies.json'));
try {
  if (compiled?.key !== key) {
    const { loadPolicies } = await import('../dist/policy/load.js');
    writeFileSync(join(DIST, 'policies.json'), compiledSetText(key, await loadPolicies(policies, ROOT)));
  }
} catch (error) {
  // Invalid policies still build (lint reports them); runs then read the YAML and say what is wrong.
  console.error(`compile-policies: the bundled policies are not compiled: ${error.problems ? `${error.problems.length} problems (npx subsidy lint)` : error.message}`);
}
