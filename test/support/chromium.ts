import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Readable, Writable } from 'node:stream';

export const CHROMIUM = '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM);

/** Pages in a PDF: its /Type /Page objects. */
export function pdfPages(pdf: Buffer): number {
  return (pdf.toString('latin1').match(/\/Type\s*\/Page(?![A-Za-z])/g) ?? []).length;
}

/** The processes of a process group still running (a zombie has exited: it holds no file and writes none). Linux's /proc. */
function liveInGroup(group: number): number[] {
  const live: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue; // exited while listed
    }
    // pid (comm) state ppid pgrp …: the command may hold spaces and brackets, so the fields after its last ')'.
    const [state, , pgrp] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (Number(pgrp) === group && state !== 'Z' && state !== 'X') live.push(Number(entry));
  }
  return live;
}

/**
 * Ends a browser started in its own process group and every process it started there (zygotes, GPU, network and
 * storage services, renderers), and returns once none of them runs. The browser's own exit is not enough: its
 * helpers outlive it for a moment and write into the profile meanwhile, so that removing the profile failed with
 * ENOTEMPTY on a busy machine (rmSync's retries do not help: they retry the last rmdir, not the files that came
 * after the first pass).
 */
async function endProcessGroup(browser: ChildProcess, exited: Promise<void>): Promise<void> {
  const group = browser.pid;
  if (group === undefined) return; // never started
  if (browser.exitCode === null && browser.signalCode === null) browser.kill('SIGTERM');
  // A browser that does not stop on SIGTERM is stopped below with the rest.
  await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5_000))]);
  try {
    process.kill(-group, 'SIGKILL');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error; // ESRCH: none left
  }
  await exited;
  // A killed process is gone once the kernel has closed its files; SIGKILL is not refused, so this takes milliseconds.
  const deadline = Date.now() + 30_000;
  for (let live = liveInGroup(group); live.length > 0; live = liveInGroup(group)) {
    if (Date.now() > deadline) throw new Error(`Chromium's processes ${live.join(', ')} still run 30 s after SIGKILL`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/**
 * Prints HTML files to PDF in one headless Chromium, over the DevTools protocol on a pipe (starting the browser
 * once, not once per file): each page printed as the browser's print dialog would, with the page's own @page size.
 */
export async function printToPdf(files: readonly string[]): Promise<Buffer[]> {
  const profile = mkdtempSync(join(tmpdir(), 'subsidy-chromium-'));
  const browser = spawn(
    CHROMIUM,
    ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', `--user-data-dir=${profile}`, '--remote-debugging-pipe', 'about:blank'],
    // Its own process group (detached: a new session), so that the helpers it starts can be ended with it.
    { stdio: ['ignore', 'ignore', 'ignore', 'pipe', 'pipe'], detached: true },
  );
  const toBrowser = browser.stdio[3] as Writable;
  const fromBrowser = browser.stdio[4] as Readable;
  let nextId = 1;
  const waiting = new Map<number, { resolve: (value: any) => void; reject: (error: Error) => void }>();
  const events: { method: string; sessionId?: string }[] = [];
  let onEvent = () => {};
  let buffer = '';
  fromBrowser.setEncoding('utf8').on('data', (chunk: string) => {
    buffer += chunk;
    for (let end = buffer.indexOf('\0'); end >= 0; end = buffer.indexOf('\0')) {
      const message = JSON.parse(buffer.slice(0, end));
      buffer = buffer.slice(end + 1);
      if (message.id !== undefined) {
        const call = waiting.get(message.id)!;
        waiting.delete(message.id);
        if (message.error) call.reject(new Error(message.error.message));
        else call.resolve(message.result);
      } else {
        events.push(message);
        onEvent();
      }
    }
  });
  // 'error' alone when it could not be started.
  const exited = new Promise<void>((resolve) => {
    browser.on('exit', () => resolve());
    browser.on('error', () => resolve());
  });
  const send = (method: string, params: object = {}, sessionId?: string): Promise<any> =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      waiting.set(id, { resolve, reject });
      toBrowser.write(`${JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) })}\0`);
    });
  const event = (method: string, sessionId: string) =>
    new Promise<void>((resolve) => {
      const check = () => {
        const index = events.findIndex((e) => e.method === method && e.sessionId === sessionId);
        if (index >= 0) {
          events.splice(index, 1);
          resolve();
        } else onEvent = check;
      };
      check();
    });
  try {
    const { targetId } = await send('Target.createTarget', { url: 'about:blank' });
    const { sessionId } = await send('Target.attachToTarget', { targetId, flatten: true });
    await send('Page.enable', {}, sessionId);
    const pdfs: Buffer[] = [];
    for (const file of files) {
      const loaded = event('Page.loadEventFired', sessionId);
      await send('Page.navigate', { url: pathToFileURL(file).href }, sessionId);
      await loaded;
      const { data } = await send('Page.printToPDF', { preferCSSPageSize: true, printBackground: true, displayHeaderFooter: false }, sessionId);
      pdfs.push(Buffer.from(data, 'base64'));
    }
    await send('Browser.close').catch(() => undefined);
    return pdfs;
  } finally {
    try {
      await endProcessGroup(browser, exited);
    } finally {
      // Nothing writes into the profile any more.
      rmSync(profile, { recursive: true, force: true });
    }
  }
}
