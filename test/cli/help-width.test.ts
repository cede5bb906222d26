// Every command's help fits an 80-column terminal as it shows the text: a Chinese character takes two columns, and
// Chinese descriptions are broken between characters, their following lines under the description's first column.
// The notes after the lists are fitted too, but for the samples kept whole to be copied (examples, the first line
// of a YAML file) and the one CSV header.
import { describe, expect, it } from 'vitest';
import { run } from '../../dist/cli/main.js';
import { displayWidth } from '../../dist/report/text-layout.js';
import { memoryIo } from '../support/memory-io.js';

const COMMANDS = ['', 'check', 'batch', 'explain', 'list', 'lint', 'facts', 'ask', 'test', 'diff', 'readings', 'schema', 'sql', 'config'];

async function help(command: string, lang: 'zh' | 'en', columns: number): Promise<string[]> {
  const io = memoryIo({ env: { NO_COLOR: '1' }, columns, isTTY: { stdout: true } });
  const code = await run([...(command ? [command] : []), '--help', '--lang', lang], io);
  expect(code).toBe(0);
  return io.stdout.text().trimEnd().split('\n');
}

/** The lines of the help's lists (arguments, options, commands): from each list's title to the blank line after it. */
function listLines(lines: string[]): string[] {
  const items: string[] = [];
  let inList = false;
  for (const line of lines) {
    if (/^(Arguments|Options|Commands|参数|选项|命令)[:：]$/.test(line)) inList = true;
    else if (line === '') inList = false;
    else if (inList) items.push(line);
  }
  return items;
}

describe('--help in a terminal', () => {
  for (const lang of ['zh', 'en'] as const)
    for (const columns of [80, 60])
      it(`${lang}, ${columns} columns: no option or command line wider than the terminal, every description's lines in one column`, async () => {
        for (const command of COMMANDS) {
          const lines = await help(command, lang, columns);
          const items = listLines(lines);
          expect(items.length, `subsidy ${command} --help`).toBeGreaterThan(1);
          const wide = items.filter((line) => displayWidth(line) > columns);
          expect(wide, `subsidy ${command} --help`).toEqual([]);
          // Kept whole, to be copied: an example command, and the line that starts a YAML file.
          const notes = lines.filter((line) => displayWidth(line) > columns && !/^ {2}[$#] /.test(line));
          expect(notes, `subsidy ${command} --help`).toEqual(command === 'batch' ? ['  csv     id,row,status,eligible,eligibleCount,totalEstimateCNY,undetermined,error'] : []);
        }
        // The top-level list of commands: a term, then its description; a description's next lines start where it did.
        const lines = await help('', lang, columns);
        const check = lines.findIndex((line) => line.startsWith('  check '));
        const column = displayWidth(lines[check]!.match(/^ {2}check \S+\s+/)![0]);
        expect(lines[check + 1]!.startsWith(' '.repeat(column)) || lines[check + 1]!.startsWith('  batch ')).toBe(true);
        const batch = lines.findIndex((line) => line.startsWith('  batch '));
        expect(displayWidth(lines[batch]!.match(/^ {2}batch \S+ \S+\s+/)![0])).toBe(column);
      });
});

describe('help for an error, on stderr', () => {
  it('lays its notes out at 80 columns, as commander lays out its lists there, whatever stdout is', async () => {
    const io = memoryIo({ env: { NO_COLOR: '1' }, columns: 50, isTTY: { stdout: true } });
    const code = await run([], io);
    expect(code).toBe(2);
    const lines = io.stderr.text().trimEnd().split('\n');
    const exitCodes = lines.findIndex((line) => line.startsWith('Exit codes:'));
    expect(lines.slice(exitCodes)).toEqual([
      'Exit codes: 0 ran fine; 1 ran but found failures; 2 could not run (bad flags,',
      'profile or policy); 130 interrupted (143 SIGTERM, 129 SIGHUP).',
    ]);
  });
});
