import { describe, expect, it } from 'vitest';
import { STOPS, Stopping, stoppingOf, type StopCause } from '../../src/cli/interrupt.js';

describe('Stopping: what a run does before it stops short', () => {
  it('aborts its signal and runs every task once with the cause, the first stop being the one that counts', async () => {
    const stopping = new Stopping();
    const ran: string[] = [];
    stopping.before(async (cause) => void ran.push(`a ${cause}`));
    stopping.before(async (cause) => void ran.push(`b ${cause}`));
    expect([stopping.signal.aborted, stopping.cause]).toEqual([false, undefined]);
    const first = stopping.stop('SIGTERM');
    // At once: a prompt given the signal ends, and a later stop (a second signal, Ctrl-C) sees one under way.
    expect([stopping.signal.aborted, stopping.cause]).toEqual([true, 'SIGTERM']);
    expect(stopping.stop('SIGINT')).toBe(first);
    expect(await first).toEqual({ cause: 'SIGTERM', errors: [] });
    expect(await stopping.stop('SIGHUP')).toEqual({ cause: 'SIGTERM', errors: [] });
    expect(ran).toEqual(['a SIGTERM', 'b SIGTERM']);
  });

  it('waits for a slow task, gives up on a hung one after its bound, and keeps a failing one\'s error for the run to tell', async () => {
    const stopping = new Stopping(200);
    let slowDone = false;
    const failure = new Error('disk full');
    stopping.before(() => new Promise<void>((resolve) => setTimeout(() => resolve(void (slowDone = true)), 50)));
    stopping.before(() => new Promise<void>(() => undefined));
    stopping.before(async () => {
      throw failure;
    });
    const started = Date.now();
    const stopped = await stopping.stop('SIGHUP');
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(slowDone).toBe(true);
    expect(stopped).toEqual({ cause: 'SIGHUP', errors: [failure] });
  });

  it('is one per run: the one io brings, else the run\'s own, the same for each look-up', () => {
    const given = new Stopping();
    expect(stoppingOf({ stopping: given })).toBe(given);
    const io = {};
    expect(stoppingOf(io)).toBe(stoppingOf(io));
    expect(stoppingOf(io)).not.toBe(stoppingOf({}));
  });

  it('exits with the shell\'s 128 + the signal number', () => {
    expect(Object.fromEntries(Object.entries(STOPS).map(([cause, { code }]) => [cause, code]))).toEqual({ SIGINT: 130, SIGTERM: 143, SIGHUP: 129 } satisfies Record<StopCause, number>);
  });
});
