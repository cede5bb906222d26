import { closeSync, constants, existsSync, openSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { testTempDir } from '../support/temp-dir.js';
import { describe, expect, it } from 'vitest';
import { OutputSink } from '../../src/batch/output-sink.js';

describe('OutputSink to a file', () => {
  it('waits for the disk many times without piling up listeners, and renames the file only at the end', async () => {
    const dir = testTempDir('subsidy-sink-');
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

describe('OutputSink temporary files', () => {
  it('are never in the way: one left by a killed run with this PID, or by any run, is neither reused nor an error', async () => {
    const dir = testTempDir('subsidy-sink-');
    const target = join(dir, 'results.csv');
    // The name the temporary file had when it came from the PID (a container's PID 1 gets the same one each run).
    const stale = `.results.csv.${process.pid}.tmp`;
    writeFileSync(join(dir, stale), 'left by a killed run');
    const sinks = [await OutputSink.file(target, 'the results'), await OutputSink.file(target, 'the results')];
    const temporaries = readdirSync(dir).filter((name) => name !== stale);
    expect(temporaries).toHaveLength(2);
    for (const name of temporaries) expect(name).toMatch(/^\.results\.csv\.[0-9a-f]{16}\.tmp$/);
    sinks[0]!.writeAscii('first\n');
    sinks[1]!.writeAscii('second\n');
    await sinks[0]!.commit();
    await sinks[1]!.abort();
    expect(readFileSync(target, 'utf8')).toBe('first\n');
    expect(readFileSync(join(dir, stale), 'utf8')).toBe('left by a killed run');
    expect(readdirSync(dir).sort()).toEqual([stale, 'results.csv']);
  });
});

describe('OutputSink block boundaries', () => {
  /** Rows of every kind the writers produce: short, long, non-ASCII, assembled in place, and one longer than a block. */
  async function writeRows(target: string, direct: boolean): Promise<{ expected: string; wroteDirect: boolean }> {
    const sink = await OutputSink.file(target, 'the results', { direct });
    const wroteDirect = sink.writesDirect;
    let expected = '';
    let seed = 7;
    const random = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
    for (let row = 0; row < 40_000; row++) {
      const kind = row === 20_000 ? 'huge' : random() < 0.5 ? 'ascii' : random() < 0.5 ? 'utf8' : 'bytes';
      if (kind === 'huge') {
        const text = `${'长'.repeat(900_000)}\n`;
        sink.write(text);
        expected += text;
      } else if (kind === 'ascii') {
        const text = `${'a'.repeat(Math.floor(random() * 300))}${row}\n`;
        sink.writeAscii(text);
        expected += text;
      } else if (kind === 'utf8') {
        const text = `张伟,${row},${'说'.repeat(Math.floor(random() * 50))}\n`;
        sink.write(text);
        expected += text;
      } else {
        const bytes = Buffer.from(`${'b'.repeat(Math.floor(random() * 500))}${row}\n`);
        const block = sink.reserve(bytes.length);
        bytes.copy(block, sink.cursor);
        sink.advance(sink.cursor + bytes.length);
        expected += bytes.toString();
      }
      if (row % 1000 === 0) await sink.drain();
    }
    await sink.commit();
    return { expected, wroteDirect };
  }

  /** Whether the folder's file system takes O_DIRECT at all: where it does not, the sink must write the ordinary way. */
  function takesDirect(dir: string): boolean {
    if (constants.O_DIRECT === undefined) return false;
    const probe = join(dir, 'probe');
    try {
      closeSync(openSync(probe, constants.O_WRONLY | constants.O_CREAT | constants.O_DIRECT));
      return true;
    } catch {
      return false;
    } finally {
      rmSync(probe, { force: true });
    }
  }

  it('writes every byte in order, whether blocks go to the disk directly or the ordinary way', async () => {
    const dir = testTempDir('subsidy-sink-');
    for (const direct of [true, false]) {
      const target = join(dir, `results-${direct}.csv`);
      const { expected, wroteDirect } = await writeRows(target, direct);
      expect(wroteDirect, `direct: ${direct}`).toBe(direct && takesDirect(dir));
      expect(readFileSync(target, 'utf8') === expected, `direct: ${direct}`).toBe(true);
    }
    expect(readdirSync(dir).sort()).toEqual(['results-false.csv', 'results-true.csv']);
  });
});
