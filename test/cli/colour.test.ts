import { describe, expect, it } from 'vitest';
import { run } from '../../dist/cli/main.js';
import { memoryIo } from '../support/memory-io.js';
import { CACHE_DIR, ROOT } from './run-cli.js';

const stripAnsi = (text: string) => text.replace(/\x1b\[[0-9;?]*[ -/]*[@-~]/g, '');

describe('colours on a terminal', () => {
  it('change no character of the report: the check table on an 80-column terminal reads as without colour', async () => {
    const args = ['check', '--profile', 'fixtures/profiles/graduate-small-firm.yaml', '--as-of', '2024-06-30', '--what-if', '--lang', 'zh'];
    const report = async (env: Record<string, string>) => {
      const io = memoryIo({ env: { SUBSIDY_CACHE_DIR: CACHE_DIR, ...env }, cwd: ROOT, columns: 80, isTTY: { stdout: true } });
      expect(await run(args, io)).toBe(0);
      return io.stdout.text();
    };
    const coloured = await report({});
    const plain = await report({ NO_COLOR: '1' });
    expect(coloured).not.toBe(plain);
    // Chalk joins every argument it is given: lines.map(style.dim) once painted "line 0 line,line".
    expect(stripAnsi(coloured)).toBe(plain);
  });
});
