import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, onTestFinished } from 'vitest';

/**
 * A temporary folder, removed when the test that made it has finished, or, made outside a test (in a test file
 * or a describe block), after the file or block has run.
 */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const remove = () => rmSync(dir, { recursive: true, force: true });
  // onTestFinished refuses outside a test. (expect's state cannot say: with isolate: false it keeps the name of the
  // last test of the file run before.)
  try {
    onTestFinished(remove);
  } catch {
    afterAll(remove);
  }
  return dir;
}

/** The same, for the places that make one inside a test. */
export const testTempDir = tempDir;
