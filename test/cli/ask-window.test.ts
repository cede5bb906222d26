import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { Stopping } from '../../dist/cli/interrupt.js';
import { run } from '../../dist/cli/main.js';
import { memoryIo, type MemoryIo } from '../support/memory-io.js';
import { CACHE_DIR, runCli, scratch } from './run-cli.js';

/**
 * `ask` at the window, in-process: run(argv, io) with a terminal made of streams. The keys typed go through
 * readline's keypress decoding as on a real terminal (Ctrl-C included); the screen is what the prompts wrote.
 */
const AS_OF = '2024-06-30';
const KEY = { enter: '\r', up: '\x1b[A', down: '\x1b[B', space: ' ', ctrlC: '\x03', backspace: '\x7f' };
const stripAnsi = (text: string) => text.replace(/\x1b\[[0-9;?]*[ -/]*[@-~]/g, '').replace(/\r/g, '');

interface Terminal {
  io: MemoryIo;
  /** Waits until the screen shows `pattern` after the last match; returns the text up to it. */
  waitFor(pattern: string | RegExp): Promise<string>;
  type(keys: string): void;
  screen(): string;
  exit: Promise<number>;
}

/** `stopping`: the run's, as the shim gives its own to stop on a signal. */
function terminal(args: string[], { stopping }: { stopping?: Stopping } = {}): Terminal {
  const stdin = new PassThrough();
  const base = memoryIo({ env: { NO_COLOR: '1', SUBSIDY_CACHE_DIR: CACHE_DIR, LANG: 'en_US.UTF-8' }, isTTY: { stdin: true, stderr: true } });
  // A wide screen, so that no prompt line is broken where a pattern looks for it; and, as a terminal, one that a
  // prompt's end (inquirer pipes into it) does not close.
  Object.assign(base.stderr, { columns: 200, rows: 100, end: () => base.stderr });
  const io: MemoryIo = { ...base, stdin, ...(stopping ? { stopping } : {}) };
  let done = false;
  const exit = run(args, io).finally(() => (done = true));
  let cursor = 0;
  const screen = () => stripAnsi(io.stderr.text());
  return {
    io,
    screen,
    exit,
    type: (keys) => void stdin.write(keys),
    async waitFor(pattern) {
      const started = Date.now();
      for (;;) {
        const text = screen().slice(cursor);
        const match = typeof pattern === 'string' ? (text.includes(pattern) ? { index: text.indexOf(pattern), 0: pattern } : null) : pattern.exec(text);
        if (match) {
          const end = match.index + match[0].length;
          cursor += end;
          return text.slice(0, end);
        }
        if (done || Date.now() - started > 10_000) throw new Error(`${String(pattern)} never showed (${done ? 'the run ended' : 'timed out'}); screen:\n${screen().slice(-1500)}`);
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    },
  };
}

/** Answers "show results now" to whatever question is on the screen: a list, a number or the checklist. */
async function showResults(session: Terminal): Promise<void> {
  const hint = await session.waitFor(/⏎ select|space tick|results now\]/);
  if (hint.endsWith('results now]')) session.type(`r${KEY.enter}`);
  else if (hint.endsWith('space tick')) session.type(`${KEY.up}${KEY.space}${KEY.enter}`);
  else session.type(`Show results now${KEY.enter}`);
}

describe('ask at the window', () => {
  it('asks "none of these?" on Enter at an untouched checklist: back to the list, then yes counts all as no; says where --save wrote', async () => {
    const { dir } = scratch('subsidy-ask-window-');
    const saved = join(dir, 'answers.yaml');
    const session = terminal(['ask', '--as-of', AS_OF, '--lang', 'en', '--save', saved, '--json']);
    await session.waitFor('? Applicant type');
    await session.waitFor('⏎ select');
    session.type(KEY.enter);
    await session.waitFor('? Which of these apply?');
    await session.waitFor('space tick');
    session.type(KEY.enter);
    // Not counted as "no" yet; the list's line says nothing was ticked.
    expect(await session.waitFor('? Nothing is ticked: do none of these apply?')).toMatch(/✔ Which of these apply\?.*\(nothing ticked\)\n/);
    await session.waitFor('⏎ select');
    session.type(`${KEY.down}${KEY.enter}`);
    await session.waitFor('? Which of these apply?');
    await session.waitFor('space tick');
    session.type(KEY.enter);
    await session.waitFor('? Nothing is ticked: do none of these apply?');
    await session.waitFor('⏎ select');
    session.type(KEY.enter);
    await session.waitFor('2 asked · ');
    while (!/Saved the answers/.test(session.screen())) {
      await Promise.race([showResults(session), session.exit]);
      if (/Saved the answers/.test(session.screen())) break;
    }
    expect(await session.exit).toBe(0);
    expect(session.screen()).toContain(`Saved the answers to ${saved} (subsidy check --profile reads it)\n`);
    const report = JSON.parse(session.io.stdout.text()) as { profile: Record<string, unknown> };
    expect(report.profile).toMatchObject({ applicantType: 'person', softwareSector: false, hongyanPlan: false, postdoc: 'none' });
    const check = await runCli(['check', '--profile', saved, '--json', '--as-of', AS_OF]);
    expect(JSON.parse(check.stdout)).toEqual(report);
  });

  it('refuses a bad number in place (never with ✔), shows Enter as 不知道, and on Ctrl-C keeps the facts so far, marked unfinished, exit 130', async () => {
    const { dir, write } = scratch('subsidy-ask-window-');
    const start = write('start.yaml', 'applicantType: employer\nsoftwareSector: true\ngraduateOfCurrentYear: true\nemployerSize: small\n');
    const saved = join(dir, 'partial.yaml');
    const session = terminal(['ask', '--as-of', AS_OF, '--lang', 'zh', '--profile', start, '--save', saved]);
    await session.waitFor('? 以下哪些情况适用？');
    await session.waitFor('空格 勾选');
    // "Not sure about the unticked ones" is just above "show results now" at the end of the list.
    session.type(`${KEY.up}${KEY.up}${KEY.space}${KEY.enter}`);
    await session.waitFor('✔ 以下哪些情况适用？');
    await session.waitFor('已问 1 题 · ');
    const number = await session.waitFor(/\? (\S+) .*r：立即查看结果\]/);
    const label = /\? (\S+) /.exec(number)![1]!;
    session.type(`abc${KEY.enter}`);
    await session.waitFor('“abc”无效：应为');
    expect(session.screen()).not.toMatch(new RegExp(`✔ ${label}[^\\n]*abc`));
    session.type(`${KEY.backspace.repeat(3)}${KEY.enter}`);
    expect(await session.waitFor(/✔ \S+ [^\n]*\n/)).toMatch(new RegExp(`✔ ${label} [^\\n]*\\] 不知道\\n$`));
    await session.waitFor('已问 2 题 · ');
    await session.waitFor('? ');
    session.type(KEY.ctrlC);
    expect(await session.exit).toBe(130);
    expect(session.screen()).toMatch(new RegExp(`已将中断前已知的 \\d+ 项情况保存到 ${saved.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}（未完成；subsidy ask --profile 该文件 可接着问）\\n已中断。\\n$`));
    const text = readFileSync(saved, 'utf8');
    expect(text.split('\n').slice(0, 2)).toEqual([expect.stringMatching(/^# 申请人事实，由 `subsidy ask` 于 \d{4}-\d{2}-\d{2} 写入。$/), '# 未完成：问答在此处被中断（Ctrl-C），其余事实尚未询问。']);
    expect(text).toMatch(/^# 回答“不知道”：/m);
    // Still a profile: the starting facts, what graduateOfCurrentYear implies, and nothing invented.
    const check = await runCli(['check', '--profile', saved, '--json', '--as-of', AS_OF]);
    expect(check.code).toBe(0);
    expect((JSON.parse(check.stdout) as { profile: unknown }).profile).toEqual({
      applicantType: 'employer',
      softwareSector: true,
      graduateOfCurrentYear: true,
      yearsSinceGraduation: 0,
      employerSize: 'small',
    });
  });

  it('writes nothing on Ctrl-C before the first answer', async () => {
    const { dir } = scratch('subsidy-ask-window-');
    const saved = join(dir, 'none.yaml');
    const session = terminal(['ask', '--as-of', AS_OF, '--lang', 'en', '--save', saved]);
    await session.waitFor('⏎ select');
    session.type(KEY.ctrlC);
    expect(await session.exit).toBe(130);
    expect(session.screen()).not.toContain('Saved');
    expect(() => readFileSync(saved)).toThrow(/ENOENT/);
  });

  it('on a stop from outside (the shim, on SIGTERM) at a question, keeps the facts so far as Ctrl-C does and leaves the line to the shim: 143', async () => {
    const { dir } = scratch('subsidy-ask-window-');
    const saved = join(dir, 'stopped.yaml');
    const stopping = new Stopping();
    const session = terminal(['ask', '--as-of', AS_OF, '--lang', 'en', '--save', saved], { stopping });
    await session.waitFor('⏎ select');
    session.type(KEY.enter);
    await session.waitFor('1 asked · ');
    await session.waitFor('space tick');
    // The prompt on screen ends (as at Ctrl-C), the answers so far are saved, and only then does the stop end.
    expect(await stopping.stop('SIGTERM')).toEqual({ cause: 'SIGTERM', errors: [] });
    const text = readFileSync(saved, 'utf8');
    expect(text.split('\n')).toEqual([
      expect.stringMatching(/^# Applicant facts written by `subsidy ask` on \d{4}-\d{2}-\d{2}\.$/),
      '# Unfinished: the questions were interrupted here (SIGTERM); the other facts were not asked yet.',
      '# Use: subsidy check --profile THIS-FILE',
      'applicantType: person # Applicant type: Person',
      '',
    ]);
    expect(await session.exit).toBe(143);
    expect(session.screen()).toMatch(/\nSaved the 1 facts known before the interruption to \S+stopped\.yaml \(unfinished; subsidy ask --profile FILE goes on from them\)\n$/);
    expect(session.io.stdout.text()).toBe('');
  });

  it('on Ctrl-C when the answers so far cannot be saved, says why, then its one line: still 130', async () => {
    const { dir } = scratch('subsidy-ask-window-');
    const folder = join(dir, 'gone');
    mkdirSync(folder);
    const session = terminal(['ask', '--as-of', AS_OF, '--lang', 'en', '--save', join(folder, 'answers.yaml')]);
    await session.waitFor('⏎ select');
    session.type(KEY.enter);
    await session.waitFor('1 asked · ');
    await session.waitFor('space tick');
    rmSync(folder, { recursive: true });
    session.type(KEY.ctrlC);
    expect(await session.exit).toBe(130);
    expect(session.screen()).toMatch(new RegExp(`\\nsubsidy: ${folder.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/answers\\.yaml: cannot write: no such folder\\nInterrupted\\.\\n$`));
  });

  it('on a stop with nothing answered yet, writes nothing', async () => {
    const { dir } = scratch('subsidy-ask-window-');
    const saved = join(dir, 'none.yaml');
    const stopping = new Stopping();
    const session = terminal(['ask', '--as-of', AS_OF, '--lang', 'en', '--save', saved], { stopping });
    await session.waitFor('⏎ select');
    expect(await stopping.stop('SIGHUP')).toEqual({ cause: 'SIGHUP', errors: [] });
    expect(await session.exit).toBe(129);
    expect(session.screen()).not.toMatch(/Saved|Interrupted|Stopped/);
    expect(() => readFileSync(saved)).toThrow(/ENOENT/);
  });
});
