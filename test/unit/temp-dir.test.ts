import { existsSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../support/temp-dir.js';

// Tests leave no folders behind: one made in a test goes when the test ends, one made outside a test after its block.
const outside = tempDir('subsidy-temp-dir-');
let inside = '';

describe('tempDir', () => {
  it('removes a folder made inside a test when that test has finished', () => {
    inside = tempDir('subsidy-temp-dir-');
    expect(existsSync(inside)).toBe(true);
    expect(existsSync(outside)).toBe(true);
  });

  it('has removed it by the next test, and keeps the folder made outside a test until the end', () => {
    expect(inside).not.toBe('');
    expect(existsSync(inside)).toBe(false);
    expect(existsSync(outside)).toBe(true);
  });
});

afterAll(() => {
  // Registered after tempDir's own afterAll for `outside`: hooks run in reverse order, so it still exists here.
  expect(existsSync(outside)).toBe(true);
});
