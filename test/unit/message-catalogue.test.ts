import { cpSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
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

const SRC = fileURLToPath(new URL('../../src', import.meta.url));
const MESSAGES_DIR = join(SRC, 'util', 'messages');
/** Chinese text: ideographs, and the full-width marks Chinese punctuation is written with (：、（）“”). */
const CHINESE = '[\\u3000-\\u303f\\u4e00-\\u9fff\\uff00-\\uffef“”]';
/**
 * Text written in place beside its translation: a `{ zh: '…', en: '…' }` literal, or `lang === 'zh' ? '…' : '…'`
 * (or `zh ? …`), whose Chinese side is in the code instead of the catalogue (punctuation included: see punctuation.ts).
 */
const INLINE = [new RegExp(`\\bzh:\\s*[\`'"][^\`'"\\n]*${CHINESE}`), new RegExp(`(?:===\\s*'zh'|\\bzh)\\s*\\?\\s*[\`'"][^\`'"\\n]*${CHINESE}`)];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return path === MESSAGES_DIR ? [] : sourceFiles(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

describe('the code outside the catalogue', () => {
  it('writes no sentence, word or punctuation mark beside its translation: each is a catalogue id or a punctuation helper', () => {
    const inline = sourceFiles(SRC).flatMap((file) =>
      readFileSync(file, 'utf8')
        .split('\n')
        .flatMap((line, i) => (INLINE.some((pattern) => pattern.test(line)) ? [`${relative(SRC, file)}:${i + 1}: ${line.trim()}`] : [])),
    );
    expect(inline).toEqual([]);
  });

  it('is checked by patterns that find such text', () => {
    const found = (line: string) => INLINE.some((pattern) => pattern.test(line));
    expect(found("  label: { zh: '以下哪些情况适用？', en: 'Which of these apply?' },")).toBe(true);
    expect(found("const colon = lang === 'zh' ? '：' : ': ';")).toBe(true);
    expect(found('text = zh ? `最高${yuan(cny!, lang)}` : `up to ${yuan(cny!, lang)}`;')).toBe(true);
    expect(found("<html lang=\"${slip.lang === 'zh' ? 'zh-CN' : 'en'}\">")).toBe(false);
    expect(found("const written = (raw: unknown) => ({ zh: String(raw), en: JSON.stringify(raw) });")).toBe(false);
  });
});
