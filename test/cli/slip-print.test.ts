import { readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DECLARED } from '../support/facts.js';
import { evaluate, compilePolicy } from '../../src/engine/evaluate.js';
import { loadProfile } from '../../src/facts/profile.js';
import { buildSlip } from '../../src/report/slip.js';
import { renderSlipHtml } from '../../src/report/slip-html.js';
import { hasChromium, pdfPages, printToPdf } from '../support/chromium.js';
import { scratch } from './run-cli.js';
import { bundledPolicies } from '../support/bundled-policies.js';

const { dir } = scratch('subsidy-slip-print-');
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const PROFILES = readdirSync('fixtures/profiles').filter((name) => name.endsWith('.yaml'));

// The browser is a system package (apt-get install chromium); where it is missing this test says so and skips.
describe.skipIf(!hasChromium)(hasChromium ? 'the slip in a real browser' : 'the slip in a real browser (skipped: /usr/bin/chromium is not installed)', () => {
  it('prints to one or two A4 pages for every fixture profile, in Chinese, its default language', async () => {
    const compiled = compilePolicy(await bundledPolicies());
    const files: string[] = [];
    for (const name of PROFILES) {
      const report = evaluate(compiled, await loadProfile(`fixtures/profiles/${name}`, DECLARED), '2024-06-30');
      for (const lang of ['zh'] as const) {
        const file = join(dir, `${name}-${lang}.html`);
        writeFileSync(file, renderSlipHtml(buildSlip(report, lang, { facts: DECLARED })));
        files.push(file);
      }
    }
    const pdfs = await printToPdf(files);
    const pages = Object.fromEntries(files.map((file, i) => [file.slice(dir.length + 1), pdfPages(pdfs[i]!)]));
    for (const [file, count] of Object.entries(pages)) expect([1, 2], `${file}: ${count} pages`).toContain(count);
    // A4 is 595 × 842 points.
    expect(pdfs[0]!.toString('latin1')).toMatch(/\/MediaBox \[0 0 59[45]\.\d+ 84[12]\.\d+\]/);
  }, 240_000);
});
