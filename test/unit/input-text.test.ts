import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeInputBytes, readInputText } from '../../src/util/input-text.js';
import { formatProblem, InputError } from '../../src/util/problems.js';

const TEXT = 'degree: 硕士\napplicantType: person\n';
const utf16 = (text: string, order: 'le' | 'be') => {
  const le = Buffer.from(text, 'utf16le');
  return order === 'le' ? le : Buffer.from(le).swap16();
};
const refusal = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    if (error instanceof InputError) return error.problems.map((p) => formatProblem(p, 'en'));
    throw error;
  }
  return [];
};

describe('decodeInputBytes: what Windows editors save, read as the text it is', () => {
  it.each([
    ['UTF-8', Buffer.from(TEXT), 'utf-8', undefined],
    ['UTF-8 with BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(TEXT)]), 'utf-8', undefined],
    ['UTF-16LE with BOM', Buffer.concat([Buffer.from([0xff, 0xfe]), utf16(TEXT, 'le')]), 'utf-16le', undefined],
    ['UTF-16BE with BOM', Buffer.concat([Buffer.from([0xfe, 0xff]), utf16(TEXT, 'be')]), 'utf-16be', undefined],
    ['UTF-16LE without BOM', utf16(TEXT, 'le'), 'utf-16le', 'f.yaml: the file is not UTF-8; read it as UTF-16LE'],
    ['UTF-16BE without BOM', utf16(TEXT, 'be'), 'utf-16be', 'f.yaml: the file is not UTF-8; read it as UTF-16BE'],
    ['GBK', iconv.encode(`学历: 博士\n${TEXT}`, 'gbk'), 'gbk', 'f.yaml: the file is not UTF-8; read it as GBK', `学历: 博士\n${TEXT}`],
    // 硕士 in GBK is CB B6 CA BF: valid UTF-8 too ("˶ʿ"), which the old reader took and reported as garbage.
    ['GBK that is valid UTF-8 by accident', iconv.encode(TEXT, 'gbk'), 'gbk', 'f.yaml: the file is not UTF-8; read it as GBK'],
  ])('%s', (_, bytes, encoding, notice, text = TEXT) => {
    const decoded = decodeInputBytes(bytes, 'f.yaml');
    expect(decoded.text).toBe(text);
    expect(decoded.encoding).toBe(encoding);
    expect(decoded.notice && formatProblem(decoded.notice, 'en')).toBe(notice);
  });

  it('keeps UTF-8 with Latin letters as UTF-8 (José is not GBK)', () => {
    expect(decodeInputBytes(Buffer.from('name: José · 硕士\n'), 'f.yaml')).toEqual({ text: 'name: José · 硕士\n', encoding: 'utf-8' });
    expect(decodeInputBytes(Buffer.from('name: José\n'), 'f.yaml')).toEqual({ text: 'name: José\n', encoding: 'utf-8' });
  });

  it('refuses binary and bytes that are neither UTF-8 nor GBK, rather than garbling them', () => {
    expect(refusal(() => decodeInputBytes(Buffer.from([0x61, 0x00, 0x62, 0x00, 0x00, 0x63]), 'f.yaml'))).toEqual(['f.yaml: the file has zero bytes: it is not a text file']);
    expect(refusal(() => decodeInputBytes(Buffer.from([0x61, 0x3a, 0x20, 0xff, 0xff, 0x0a]), 'f.yaml'))).toEqual(['f.yaml: the file is neither UTF-8 nor GBK text; save it as UTF-8']);
    expect(refusal(() => decodeInputBytes(Buffer.from([0xff, 0xfe, 0x00, 0xd8, 0x61, 0x00]), 'f.yaml'))).toEqual([
      'f.yaml: the file starts like UTF-16LE text but is not valid UTF-16LE; save it as UTF-8',
    ]);
  });
});

describe('readInputText', () => {
  const dir = mkdtempSync(join(tmpdir(), 'subsidy-input-text-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses a file over its limit before reading it all, and names the limit', async () => {
    const path = join(dir, 'big.yaml');
    writeFileSync(path, 'a'.repeat(1024 * 1024 + 1));
    await expect(readInputText(path, { maxBytes: 1024 * 1024, what: 'profile' })).rejects.toThrow(`${path}: the file is larger than 1 MiB, the limit for a profile`);
    writeFileSync(path, 'a'.repeat(1024 * 1024));
    expect((await readInputText(path, { maxBytes: 1024 * 1024, what: 'profile' })).text).toHaveLength(1024 * 1024);
  });

  it('says why a file cannot be read', async () => {
    await expect(readInputText(join(dir, 'nope.yaml'), { file: 'nope.yaml', maxBytes: 10, what: 'profile' })).rejects.toThrow('nope.yaml: cannot read profile: no such file');
    await expect(readInputText(dir, { file: 'd', maxBytes: 10, what: 'case file' })).rejects.toThrow('d: cannot read case file: this is a folder, not a file');
  });
});
