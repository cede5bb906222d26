import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testTempDir } from '../support/temp-dir.js';
import { BIN, cliEnv, HAS_SCRIPT, NEEDS_SCRIPT, ROOT, runCli } from './run-cli.js';

const AS_OF = '2024-06-30';

/**
 * A session on a pseudo-terminal, through util-linux `script` (present on any Linux with util-linux or
 * bsdutils): the CLI sees a real terminal on stdin and stderr, we type keys and read the screen.
 */
interface TerminalSession {
  /**
   * The screen text from the last match (or from `from`, a position given by `position()`) up to and
   * including `pattern`; null if the program ended first.
   */
  next(pattern: RegExp | string, from?: number): Promise<string | null>;
  /** As next, but the program ending first is a failure. */
  waitFor(pattern: RegExp | string, from?: number): Promise<string>;
  position(): number;
  type(keys: string): void;
  screen(): string;
  /** The CLI's process id, for a signal: the shell says it first, then execs the CLI. */
  pid(): number;
  exit: Promise<number | null>;
}

const quote = (word: string) => `'${word.replace(/'/g, `'\\''`)}'`;
const stripAnsi = (text: string) => text.replace(/\x1b\[[0-9;?]*[ -/]*[@-~]/g, '').replace(/\r/g, '');
const KEY = { enter: '\r', up: '\x1b[A', down: '\x1b[B', ctrlC: '\x03' };

function find(text: string, pattern: RegExp | string): { index: number; length: number } | null {
  if (typeof pattern === 'string') return text.includes(pattern) ? { index: text.indexOf(pattern), length: pattern.length } : null;
  const match = pattern.exec(text);
  return match ? { index: match.index, length: match[0].length } : null;
}

function startTerminal(args: string[], { stdoutFile }: { stdoutFile?: string } = {}): TerminalSession {
  const redirect = stdoutFile ? ` > ${quote(stdoutFile)}` : '';
  const command = `stty cols 120 rows 100; echo "pid $$"; exec ${quote(process.execPath)} ${quote(BIN)} ${args.map(quote).join(' ')}${redirect}`;
  const child = spawn('script', ['--quiet', '--flush', '--return', '--command', command, '/dev/null'], {
    cwd: ROOT,
    env: cliEnv({ TERM: 'xterm' }),
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let raw = '';
  let cursor = 0;
  let exited = false;
  const listeners = new Set<() => void>();
  const notify = () => [...listeners].forEach((listener) => listener());
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    raw += chunk;
    notify();
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (raw += chunk));
  const exit = new Promise<number | null>((resolve) =>
    child.on('close', (code) => {
      exited = true;
      resolve(code);
      notify();
    }),
  );
  const next = (pattern: RegExp | string, from = cursor) =>
    new Promise<string | null>((resolve, reject) => {
      const settle = (value: string | null) => {
        listeners.delete(check);
        clearTimeout(timer);
        resolve(value);
      };
      const check = () => {
        const text = stripAnsi(raw);
        const match = find(text.slice(from), pattern);
        if (match) {
          const upTo = text.slice(from, from + match.index + match.length);
          cursor = from + match.index + match.length;
          settle(upTo);
        } else if (exited) settle(null);
      };
      const timer = setTimeout(() => {
        listeners.delete(check);
        child.kill();
        reject(new Error(`${String(pattern)} never showed; screen:\n${stripAnsi(raw).slice(-2000)}`));
      }, 15_000);
      listeners.add(check);
      check();
    });
  return {
    next,
    position: () => cursor,
    async waitFor(pattern, from) {
      const text = await next(pattern, from);
      if (text === null) throw new Error(`the program ended before showing ${String(pattern)}; screen:\n${stripAnsi(raw).slice(-2000)}`);
      return text;
    },
    screen: () => stripAnsi(raw),
    pid: () => Number(/^pid (\d+)$/m.exec(stripAnsi(raw))![1]),
    type: (keys) => child.stdin.write(keys),
    exit,
  };
}

describe.skipIf(!HAS_SCRIPT)(`ask on a terminal${NEEDS_SCRIPT}`, () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'subsidy-ask-e2e-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('runs a session to its end, ticks a checklist, refuses a bad number in place, saves a profile that check reads back to the same result', async () => {
    const saved = join(dir, 'saved.yaml');
    const json = join(dir, 'result.json');
    const session = startTerminal(['ask', '--as-of', AS_OF, '--lang', 'en', '--save', saved, '--json'], { stdoutFile: json });
    // The caseworker knows a few facts about an employer hiring a registered-unemployed graduate; the rest, "don't know".
    const answers: Record<string, string> = {
      'Applicant type': 'Employer',
      'Employer size': 'Small',
      'Contract length': '2',
    };
    // In the checklist: these two apply, and about the others they are not sure.
    const ticks = ['Software sector', 'Registered unemployed before being hired', "I'm not sure about the unticked ones"];
    const asked: string[] = [];
    let refused = false;
    let checklistOptions: string[] = [];
    const question = /\? (.+?)(?: \(| \[|\n)/;
    let start = session.position();
    let label = question.exec(await session.waitFor(question))![1]!;
    for (;;) {
      asked.push(label);
      const kind = (await session.waitFor(/space tick|⏎ select|results now\]/)).match(/space tick|⏎ select|results now\]/)![0];
      if (label === 'Social-insurance months' && !refused) {
        session.type(`abc${KEY.enter}`);
        // Refused in place: the prompt stays, with the text to correct and why below it; never shown as answered.
        await session.waitFor('"abc" is not allowed: expected a whole number ≥ 0 (months)');
        expect(session.screen()).not.toMatch(/✔ Social-insurance months[^\n]*abc/);
        refused = true;
        session.type(`${'\x7f'.repeat(3)}14${KEY.enter}`);
      } else if (kind === 'results now]') {
        session.type(`${answers[label] ?? ''}${KEY.enter}`);
      } else if (kind === 'space tick') {
        // The first frame of the list: each option on its own line, the cursor (❯) on the first.
        const list = await session.waitFor('Show results now\n', start);
        checklistOptions = list.split('\n').flatMap((line) => (/^[ ❯][◯◉] /.test(line) ? [line.slice(3)] : []));
        let at = 0;
        for (const tick of ticks) {
          const index = checklistOptions.indexOf(tick);
          expect(index, tick).toBeGreaterThanOrEqual(at);
          session.type(`${KEY.down.repeat(index - at)} `);
          at = index;
          await session.waitFor(`❯◉ ${tick}\n`);
        }
        session.type(KEY.enter);
      } else {
        // A list: typing the start of a choice moves to it.
        session.type(answers[label] ?? "Don't know");
        await session.waitFor(`❯ ${answers[label] ?? "Don't know"}\n`, start);
        session.type(KEY.enter);
      }
      await session.waitFor(`${asked.length} asked · `);
      start = session.position();
      const next = await session.next(question);
      if (next === null) break;
      label = question.exec(next)![1]!;
    }
    expect(await session.exit).toBe(0);
    expect(asked[0]).toBe('Applicant type');
    expect(asked[1]).toBe('Which of these apply?');
    expect(asked).toContain('Social-insurance months');
    expect(asked.length).toBeLessThanOrEqual(10);
    expect(refused).toBe(true);
    expect(new Set(asked).size).toBe(asked.length);
    // Yes/no facts and the values of rare enums, then "not sure" and "show results now".
    expect(checklistOptions).toEqual(expect.arrayContaining(['Hongyan plan', 'Postdoc: Completed (left the station)', "I'm not sure about the unticked ones", 'Show results now']));
    for (const option of checklistOptions) expect(asked).not.toContain(option.split(':')[0]);

    const result = JSON.parse(await readFile(json, 'utf8')) as { profile: Record<string, unknown>; eligible: { id: string }[] };
    expect(result.profile).toMatchObject({ applicantType: 'employer', softwareSector: true, registeredUnemployed: true, employerSize: 'small', socialInsuranceMonths: 14 });
    // "Not sure": the unticked stay unknown rather than "no".
    expect(result.profile).not.toHaveProperty('hongyanPlan');
    const profileText = await readFile(saved, 'utf8');
    expect(profileText).toMatch(/^# Applicant facts written by `subsidy ask` on \d{4}-\d{2}-\d{2}\./);
    expect(profileText).toMatch(/^# Answered "don't know": .*hongyanPlan \(Hongyan plan\)/m);
    const check = await runCli(['check', '--profile', saved, '--json', '--as-of', AS_OF]);
    expect(check.code).toBe(0);
    expect(JSON.parse(check.stdout)).toEqual(result);
  });

  it('stops at Ctrl-C with one line and exit 130, in Chinese as in English, and writes no profile', async () => {
    const saved = join(dir, 'interrupted.yaml');
    const session = startTerminal(['ask', '--as-of', AS_OF, '--lang', 'zh', '--save', saved]);
    await session.waitFor('? 申请人类型');
    await session.waitFor('❯ 个人');
    await session.waitFor('立即查看结果');
    session.type(KEY.ctrlC);
    expect(await session.exit).toBe(130);
    const after = session.screen().slice(session.screen().lastIndexOf('立即查看结果'));
    expect(after.match(/已中断。/g)).toHaveLength(1);
    expect(after).not.toMatch(/Error|\n\s+at /);
    expect(existsSync(saved)).toBe(false);
  });

  it('on Ctrl-C after an answer, with --save, keeps it in a file marked unfinished that check reads, says where, exit 130', async () => {
    const saved = join(dir, 'unfinished.yaml');
    const session = startTerminal(['ask', '--as-of', AS_OF, '--lang', 'zh', '--save', saved]);
    await session.waitFor('❯ 个人');
    await session.waitFor('立即查看结果');
    session.type(KEY.enter);
    await session.waitFor('已问 1 题 · ');
    await session.waitFor('空格 勾选');
    session.type(KEY.ctrlC);
    expect(await session.exit).toBe(130);
    expect(session.screen()).toContain(`已将中断前已知的 1 项情况保存到 ${saved}`);
    const text = await readFile(saved, 'utf8');
    expect(text).toContain('\n# 未完成：问答在此处被中断（Ctrl-C），其余事实尚未询问。\n');
    const check = await runCli(['check', '--profile', saved, '--json', '--as-of', AS_OF]);
    expect(check.code).toBe(0);
    expect(JSON.parse(check.stdout).profile).toEqual({ applicantType: 'person' });
  });

  // As Ctrl-C, a signal keeps the answers so far: a window closed by a task manager, a service stopped (SIGTERM), a
  // terminal closed or an SSH session dropped (SIGHUP).
  for (const [signal, code, lang] of [
    ['SIGTERM', 143, 'zh'],
    ['SIGHUP', 129, 'en'],
  ] as const) {
    const words = {
      zh: { person: '❯ 个人', tick: '空格 勾选', number: 'r：立即查看结果]', asked: '已问 3 题 · ', saved: '已将中断前已知的 2 项情况保存到', stopped: `已停止（${signal}）。` },
      en: { person: '❯ Person', tick: 'space tick', number: 'r: results now]', asked: '3 asked · ', saved: 'Saved the 2 facts known before the interruption to', stopped: `Stopped (${signal}).` },
    }[lang];
    /** A session that answers three questions (the first applicant type; "not sure" in the checklist; a 3-year contract), then is stopped. */
    const answerThenStop = async (saved: string, how: (session: TerminalSession) => void) => {
      const session = startTerminal(['ask', '--as-of', AS_OF, '--lang', lang, '--save', saved]);
      await session.waitFor(words.person);
      session.type(KEY.enter);
      await session.waitFor(words.tick);
      // "Not sure about the unticked ones" is the last line but one.
      session.type(`${KEY.up}${KEY.up} ${KEY.enter}`);
      await session.waitFor(words.number);
      session.type(`3${KEY.enter}`);
      await session.waitFor(words.asked);
      await session.waitFor('? ');
      how(session);
      const exit = await session.exit;
      return { exit, after: session.screen().slice(session.screen().lastIndexOf(words.asked)) };
    };

    it(`on ${signal} after a few answers, with --save, keeps them as Ctrl-C does, marked unfinished, says where, one line, exit ${code}`, async () => {
      const saved = join(dir, `${signal}.yaml`);
      const { exit, after } = await answerThenStop(saved, (session) => process.kill(session.pid(), signal));
      expect(exit).toBe(code);
      expect(after).toMatch(new RegExp(`\\n${words.saved} ${saved}.*\\n${words.stopped.replace(/[()]/g, '\\$&')}\\n$`));
      expect(after.match(/已停止|已中断|Stopped|Interrupted/g)).toHaveLength(1);
      const text = await readFile(saved, 'utf8');
      expect(text.split('\n').slice(0, 5)).toEqual(
        lang === 'zh'
          ? [
              expect.stringMatching(/^# 申请人事实，由 `subsidy ask` 于 \d{4}-\d{2}-\d{2} 写入。$/),
              `# 未完成：问答在此处被中断（${signal}），其余事实尚未询问。`,
              '# 用法：subsidy check --profile 本文件',
              'applicantType: person # 申请人类型: 个人',
              'contractYears: 3 # 劳动合同年限: 3',
            ]
          : [
              expect.stringMatching(/^# Applicant facts written by `subsidy ask` on \d{4}-\d{2}-\d{2}\.$/),
              `# Unfinished: the questions were interrupted here (${signal}); the other facts were not asked yet.`,
              '# Use: subsidy check --profile THIS-FILE',
              'applicantType: person # Applicant type: Person',
              'contractYears: 3 # Contract length: 3',
            ],
      );
      // The rest ("don't know" to the unticked) is what Ctrl-C after the same answers keeps.
      const byCtrlC = join(dir, `${signal}-ctrl-c.yaml`);
      expect((await answerThenStop(byCtrlC, (session) => session.type(KEY.ctrlC))).exit).toBe(130);
      expect(text).toBe((await readFile(byCtrlC, 'utf8')).replace(lang === 'zh' ? '（Ctrl-C）' : '(Ctrl-C)', lang === 'zh' ? `（${signal}）` : `(${signal})`));
      expect(text.split('\n')).toHaveLength(7);
      const check = await runCli(['check', '--profile', saved, '--json', '--as-of', AS_OF]);
      expect(check.code).toBe(0);
      expect(JSON.parse(check.stdout).profile).toEqual({ applicantType: 'person', contractYears: 3 });
    });
  }

  it('on SIGTERM before the first answer, or after answers without --save, says one line, exits 143 and writes nothing', async () => {
    const saved = join(dir, 'not-yet.yaml');
    const first = startTerminal(['ask', '--as-of', AS_OF, '--lang', 'en', '--save', saved]);
    await first.waitFor('Show results now');
    process.kill(first.pid(), 'SIGTERM');
    const unsaved = startTerminal(['ask', '--as-of', AS_OF, '--lang', 'en']);
    await unsaved.waitFor('Show results now');
    unsaved.type(KEY.enter);
    await unsaved.waitFor('1 asked · ');
    await unsaved.waitFor('space tick');
    process.kill(unsaved.pid(), 'SIGTERM');
    for (const session of [first, unsaved]) {
      expect(await session.exit).toBe(143);
      const after = session.screen().slice(session.screen().lastIndexOf('Show results now'));
      expect(after).toMatch(/\nStopped \(SIGTERM\)\.\n$/);
      expect(after).not.toMatch(/Saved|Interrupted|Error|\n\s+at /);
    }
    expect(existsSync(saved)).toBe(false);
  });

  it('shows results at once when asked, in Chinese', async () => {
    const session = startTerminal(['ask', '--as-of', AS_OF, '--lang', 'zh']);
    await session.waitFor('? 申请人类型');
    await session.waitFor('立即查看结果');
    // Seven applicant types, then "don't know", then "show results now"; the separator is skipped.
    session.type(KEY.down.repeat(8));
    await session.waitFor('❯ 立即查看结果');
    session.type(KEY.enter);
    expect(await session.exit).toBe(0);
    expect(session.screen()).toContain('可享受');
    expect(session.screen()).not.toMatch(/已问 \d+ 题/);
  });
});

describe('ask without a terminal', () => {
  it('exits 2 at once and points to --profile when there is no profile', async () => {
    const run = await runCli(['ask', '--as-of', AS_OF]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^subsidy: ask needs a terminal .*--profile FILE/);
  });

  it('reports on the facts of --profile, as check does', async () => {
    const profile = join(testTempDir('subsidy-ask-e2e-'), 'partial.yaml');
    await writeFile(profile, 'applicantType: 用人单位\nsoftwareSector: 是\nemployerSize: small\n');
    const ask = await runCli(['ask', '--profile', profile, '--json', '--as-of', AS_OF]);
    const check = await runCli(['check', '--profile', profile, '--json', '--as-of', AS_OF]);
    expect(ask.code).toBe(0);
    expect(ask.stderr).toBe('');
    expect(JSON.parse(ask.stdout)).toEqual(JSON.parse(check.stdout));
    // --slip writes the same slip check --format html writes.
    const slip = join(dirname(profile), 'slip.html');
    const withSlip = await runCli(['ask', '--profile', profile, '--as-of', AS_OF, '--slip', slip]);
    expect(withSlip.code).toBe(0);
    const html = await runCli(['check', '--profile', profile, '--as-of', AS_OF, '--format', 'html']);
    expect(await readFile(slip, 'utf8')).toBe(html.stdout);
  });
});

describe('check without --profile', () => {
  it.skipIf(!HAS_SCRIPT)(`asks on a terminal, as ask does: Ctrl-C at the first question exits 130${NEEDS_SCRIPT}`, async () => {
    const session = startTerminal(['check', '--as-of', AS_OF, '--lang', 'en']);
    await session.waitFor('? Applicant type');
    await session.waitFor('Show results now');
    session.type(KEY.ctrlC);
    expect(await session.exit).toBe(130);
    const after = session.screen().slice(session.screen().lastIndexOf('Show results now'));
    expect(after.match(/Interrupted\./g)).toHaveLength(1);
    expect(after).not.toMatch(/Error|\n\s+at /);
  });

  it('without a terminal exits 2 at once and points to --profile', async () => {
    const run = await runCli(['check', '--as-of', AS_OF]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^subsidy: check needs --profile FILE .*or a terminal/);
  });
});
