import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli } from './run-cli.js';

const readme = readFileSync(`${ROOT}/README.md`, 'utf8');

describe('README', () => {
  it('opens with the two commands for a fresh machine: install and check, then the tests', () => {
    const blocks = [...readme.matchAll(/```sh\n(.+?)\n```/g)].map((m) => m[1]);
    expect(blocks.slice(0, 2)).toEqual(['npm install && npx subsidy check --profile fixtures/profiles/graduate-small-firm.yaml', 'npm test']);
    expect(readFileSync(`${ROOT}/.ci/run`, 'utf8')).toMatch(/^npm test$/m);
  });

  it('shows the facts table the declaration produces, so the two never drift apart', async () => {
    const run = await runCli(['facts', '--markdown']);
    expect(run.code).toBe(0);
    expect(readme).toContain(run.stdout.trim());
  });
});
