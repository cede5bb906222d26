// Every example a command's help shows runs as written: its command, flags, choices and fact names exist. Each is run
// in a scratch folder, where the files it names are missing (an error about a file is fine; one about the command
// line is not), so that no example writes into the repository.
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from './run-cli.js';

const COMMANDS = ['', 'check', 'batch', 'explain', 'list', 'lint', 'facts', 'ask', 'test', 'diff', 'readings', 'schema', 'sql', 'config'];

/** The examples of a help text: each `$ subsidy …` line, up to a pipe, a redirection or a comment. */
const examplesOf = (help: string) =>
  [...help.matchAll(/^ {2}\$ subsidy (.+)$/gm)].map((match) => match[1]!.split(/ [|<>#] ?/)[0]!.trim().split(/ +/).map((word) => word.replace(/^'(.*)'$/, '$1')));

describe('the examples in --help', () => {
  it('are the same in Chinese and English, and each is a command line the command takes', async () => {
    const dir = tempDir('subsidy-help-examples-');
    let count = 0;
    for (const command of COMMANDS) {
      const help = async (lang: string) => (await runCli([...(command ? [command] : []), '--help', '--lang', lang])).stdout;
      const examples = examplesOf(await help('en'));
      expect(examplesOf(await help('zh')), `subsidy ${command} --help`).toEqual(examples);
      for (const args of examples) {
        const run = await runCli(args, { cwd: dir });
        const problem = run.stderr.split('\n').find((line) => /^error: |is not a fact|is not allowed|not a valid/.test(line));
        expect(problem, `subsidy ${args.join(' ')}`).toBeUndefined();
        count++;
      }
    }
    expect(count).toBeGreaterThan(15);
  });
});
