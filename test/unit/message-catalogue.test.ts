import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CATALOGUE } from '../../src/util/messages/catalogue.js';
import type { BuiltCatalogue } from '../../src/util/messages/index.js';
import { tempDir } from '../support/temp-dir.js';

const DIST = fileURLToPath(new URL('../../dist', import.meta.url));
const readJson = <T>(path: string) => JSON.parse(readFileSync(path, 'utf8')) as T;

/** A copy of the build's util folder and build.json, with catalogue.json's "eligible" changed so that a test can tell which a run read. */
function builtCopy(): { dir: string; messages: string } {
  const dir = tempDir('subsidy-catalogue-');
  cpSync(join(DIST, 'util'), join(dir, 'util'), { recursive: true });
  cpSync(join(DIST, 'build.json'), join(dir, 'build.json'));
  const messages = join(dir, 'util', 'messages');
  const built = readJson<BuiltCatalogue>(join(messages, 'catalogue.json'));
  built.messages.eligible = { zh: 'JSON', en: 'JSON' };
  writeFileSync(join(messages, 'catalogue.json'), JSON.stringify(built));
  return { dir, messages };
}

const eligibleIn = async (messages: string) =>
  ((await import(`${pathToFileURL(join(messages, 'index.js')).href}?${Math.random()}`)) as { MESSAGES: typeof CATALOGUE }).MESSAGES.eligible.en;

describe('the built message catalogue', () => {
  it('holds exactly the catalogue of the sources, for the build it was written by', () => {
    const built = readJson<BuiltCatalogue>(join(DIST, 'util', 'messages', 'catalogue.json'));
    expect(built.messages).toEqual(CATALOGUE);
    expect(built.build).toBe(readJson<{ build: string }>(join(DIST, 'build.json')).build);
  });

  it('is read by its own build only: another build (or none) loads the modules', async () => {
    const same = builtCopy();
    expect(await eligibleIn(same.messages)).toBe('JSON');
    const other = builtCopy();
    writeFileSync(join(other.dir, 'build.json'), JSON.stringify({ version: '0.1.0', build: '0.1.0+another' }));
    expect(await eligibleIn(other.messages)).toBe('Eligible');
    const none = builtCopy();
    writeFileSync(join(none.dir, 'build.json'), '');
    expect(await eligibleIn(none.messages)).toBe('Eligible');
  });
});
