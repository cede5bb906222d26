import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
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

/**
 * Prints HTML files to PDF in one headless Chromium, over the DevTools protocol on a pipe (starting the browser
 * once, not once per file): each page printed as the browser's print dialog would, with the page's own @page size.
 */
export async function printToPdf(files: readonly string[]): Promise<Buffer[]> {
  const profile = mkdtempSync(join(tmpdir(), 'subsidy-chromium-'));
  const browser = spawn(
    CHROMIUM,
    ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', `--user-data-dir=${profile}`, '--remote-debugging-pipe', 'about:blank'],
    { stdio: ['ignore', 'ignore', 'ignore', 'pipe', 'pipe'] },
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
  const exited = new Promise<void>((resolve) => browser.on('exit', () => resolve()));
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
    browser.kill();
    await exited;
    // Chromium's helper processes can still be writing into the profile for a moment after the browser exits
    // (ENOTEMPTY): retry the removal rather than fail the print.
    rmSync(profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
  }
}
