import { describe, expect, it } from 'vitest';
import { escapeControl } from '../../src/util/escape.js';

describe('escapeControl', () => {
  it('shows control characters and bidi overrides as escapes, and leaves text, CJK and tabs alone', () => {
    expect(escapeControl('\u001b[2J学历\tdegree')).toBe('\\u{1b}[2J学历\tdegree');
    expect(escapeControl('a\nb\rc\u0000\u007f\u009b')).toBe('a\\u{a}b\\u{d}c\\u{0}\\u{7f}\\u{9b}');
    expect(escapeControl('id\u202Etxt.exe')).toBe('id\\u{202e}txt.exe');
    expect(escapeControl('硕士 ¥2,000')).toBe('硕士 ¥2,000');
  });
});
