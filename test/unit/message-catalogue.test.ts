import { appendFileSync, cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CATALOGUE } from '../../src/util/messages/catalogue.js';
import type { BuiltCatalogue } from '../../src/util/messages/index.js';
import { tempDir } from '../support/temp-dir.js';

const DIST_UTIL = fileURLToPath(new URL('../../dist/util', import.meta.url));

/** A copy of the built util folder, with catalogue.json's "eligible" changed so that a test can tell which source a run read. */
function builtCopy(): { messages: string; json: string } {
  const dir = tempDir('subsidy-catalogue-');
  cpSync(DIST_UTIL, join(dir, 'util'), { recursive: true });
  const messages = join(dir, 'util', 'messages');
  const json = join(messages, 'catalogue.json');
  const built = JSON.parse(readFileSync(json, 'utf8')) as BuiltCatalogue;
  built.messages.eligible = { zh: 'JSON', en: 'JSON' };
  writeFileSync(json, JSON.stringify(built));
  return { messages, json };
}

const eligibleIn = async (messages: string) =>
  ((await import(`${pathToFileURL(join(messages, 'index.js')).href}?${Math.random()}`)) as { MESSAGES: typeof CATALOGUE }).MESSAGES.eligible.en;

describe('the built message catalogue', () => {
  it('holds exactly the catalogue of the sources, and names every module it was merged from', () => {
    const built = JSON.parse(readFileSync(join(DIST_UTIL, 'messages', 'catalogue.json'), 'utf8')) as BuiltCatalogue;
    expect(built.messages).toEqual(CATALOGUE);
    expect(built.from).toEqual(['./catalogue.js', './cli.js', './commander.js', './help-long.js', './input.js', './report.js']);
  });

  it('is read while its modules hold what they held (a copy too), and the modules are loaded once one has changed', async () => {
    const fresh = builtCopy();
    expect(await eligibleIn(fresh.messages)).toBe('JSON');
    const touched = builtCopy();
    appendFileSync(join(touched.messages, 'report.js'), '// edited\n');
    expect(await eligibleIn(touched.messages)).toBe('Eligible');
  });
});
