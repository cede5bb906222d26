#!/usr/bin/env node
// Writes schemas/*.schema.json from `subsidy schema KIND`, so that they are generated from the zod schemas, never edited.
// Run after `npm run build`: `npm run schemas`. test/cli/schema.test.ts fails when the committed files are stale.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const SCHEMA_FILES = { 'policy-document': 'policy-document', 'policy-measure': 'policy-measure', facts: 'facts', readings: 'readings', profile: 'profile', cases: 'cases' };

for (const [kind, name] of Object.entries(SCHEMA_FILES)) {
  const json = execFileSync(process.execPath, ['bin/subsidy.js', 'schema', kind], { cwd: root, encoding: 'utf8' });
  writeFileSync(`${root}schemas/${name}.schema.json`, json);
  console.log(`schemas/${name}.schema.json`);
}
