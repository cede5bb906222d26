import { existsSync, mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { OutputSink } from '../../src/batch/output-sink.js';

describe('OutputSink to a file', () => {
  it('waits for the disk many times without piling up listeners, and renames the file only at the end', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'subsidy-sink-'));
    const target = join(dir, 'results.csv');
    const warnings: Error[] = [];
    const onWarning = (warning: Error) => warnings.push(warning);
    process.on('warning', onWarning);
    try {
      const sink = await OutputSink.file(target, 'the results');
      const line = `${'x'.repeat(1023)}\n`;
      for (let block = 0; block < 64; block++) {
        for (let k = 0; k < 1024; k++) sink.writeAscii(line);
        await sink.drain();
      }
      expect(existsSync(target)).toBe(false);
      await sink.commit();
      await new Promise((resolve) => setImmediate(resolve));
      expect(statSync(target).size).toBe(64 * 1024 * 1024);
      expect(readdirSync(dir)).toEqual(['results.csv']);
      expect(warnings.filter((w) => w.name === 'MaxListenersExceededWarning')).toEqual([]);
    } finally {
      process.off('warning', onWarning);
    }
  });
});
