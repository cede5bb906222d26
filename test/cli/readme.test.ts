import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { ROOT, runCli, tempDir } from './run-cli.js';

const readme = readFileSync(`${ROOT}/README.md`, 'utf8');

describe('README', () => {
  it('opens with the two commands for a fresh machine: install and check, then the tests', () => {
    const blocks = [...readme.matchAll(/```sh\n(.+?)\n```/g)].map((m) => m[1]);
    expect(blocks.slice(0, 2)).toEqual(['npm install && npx subsidy check --profile fixtures/profiles/graduate-small-firm.yaml', 'npm test']);
    expect(readFileSync(`${ROOT}/.ci/run`, 'utf8')).toMatch(/^npm test$/m);
  });

  it.each(['subsidy batch fixtures/batch/applicants-utf8-bom.csv', 'subsidy check --profile fixtures/invalid/profile-typos.yaml'])(
    'shows the refusals the example "%s" prints (its bad cells are still bad)',
    async (command) => {
      const block = readme.split('```console\n').find((text) => text.startsWith(`$ ${command}`))!;
      const [line, ...output] = block.slice(0, block.indexOf('```')).split('\n');
      // --out into a scratch folder: the example writes results.csv where it runs.
      const args = line!.slice('$ subsidy '.length).split(' ');
      if (args.includes('--out')) args[args.indexOf('--out') + 1] = join(tempDir('subsidy-readme-'), 'results.csv');
      const run = await runCli(args);
      const shown = output.filter((text) => text.startsWith('subsidy: '));
      expect(shown.length).toBeGreaterThan(1);
      // check names the profile by its full path; the README, from the repository's folder.
      expect(run.stderr.replaceAll(ROOT, '').split('\n').filter((text) => text.startsWith('subsidy: '))).toEqual(shown);
    },
  );

  it('shows the facts table the declaration produces, so the two never drift apart', async () => {
    const run = await runCli(['facts', '--markdown']);
    expect(run.code).toBe(0);
    expect(readme).toContain(run.stdout.trim());
  });
});
