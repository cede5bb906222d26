import { english } from '../support/english.js';
import { mkdirSync, writeFileSync } from 'node:fs';
import iconv from 'iconv-lite';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../../dist/cli/main.js';
import { projectConfigPath, userConfigPath } from '../../src/cli/config.js';
import { parseConfig } from '../../src/cli/config-file.js';
import { memoryIo } from '../support/memory-io.js';
import { tempDir } from '../support/temp-dir.js';
import { CACHE_DIR, ROOT } from './run-cli.js';

/**
 * Every step of the language chain and the config files, in-process: env, cwd and the system locale are passed
 * through run(argv, io), so nothing depends on this machine's HOME, LANG or locale.
 */
interface Setup {
  env?: Record<string, string>;
  cwd?: string;
  locale?: string;
}

async function cli(args: string[], { env = {}, cwd = ROOT, locale = 'en-US' }: Setup = {}) {
  const io = { ...memoryIo({ env: { SUBSIDY_CACHE_DIR: CACHE_DIR, NO_COLOR: '1', ...env }, cwd }), locale };
  const code = await run(args, io);
  return { code, stdout: io.stdout.text(), stderr: io.stderr.text() };
}

interface Shown {
  lang: { value: string; source: Record<string, unknown> };
  policies: { value: string; source: Record<string, unknown> };
  params: Record<string, { value: number; source: Record<string, unknown> }>;
  readings: Record<string, { value: string; source: Record<string, unknown> }>;
  files: { project: string | null; user: string | null; read: string[] };
}

async function shown(setup: Setup, ...flags: string[]): Promise<Shown> {
  const result = await cli(['config', '--json', ...flags], setup);
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  return JSON.parse(result.stdout) as Shown;
}

/**
 * A scratch tree: root/ is a git repository root (it holds .git), root/work/here the working folder, home/ a user's
 * home with its config folder. A file above root/ is outside the repository.
 */
function tree() {
  const top = tempDir('subsidy-config-');
  const root = join(top, 'repo');
  const here = join(root, 'work', 'here');
  const xdg = join(top, 'home', '.config');
  mkdirSync(here, { recursive: true });
  mkdirSync(join(root, '.git'));
  mkdirSync(join(xdg, 'subsidy'), { recursive: true });
  const write = (path: string, text: string) => {
    writeFileSync(path, text);
    return path;
  };
  return {
    top,
    root,
    here,
    xdg,
    project: (text: string, folder = root) => write(join(folder, 'subsidy.config.yaml'), text),
    user: (text: string) => write(join(xdg, 'subsidy', 'config.yaml'), text),
  };
}

describe('the language chain', () => {
  it('takes --lang first, then SUBSIDY_LANG, then the project file, the user file, LC_ALL, LC_MESSAGES, LANG, the system locale, and English', async () => {
    const t = tree();
    const projectFile = t.project('# the window\nlang: en\n');
    const userFile = t.user('lang: zh\n');
    const everything = { env: { SUBSIDY_LANG: 'zh', XDG_CONFIG_HOME: t.xdg, LC_ALL: 'zh_CN.UTF-8', LC_MESSAGES: 'zh_CN.UTF-8', LANG: 'zh_CN.UTF-8' }, cwd: t.here, locale: 'zh-CN' };
    const step = async (setup: Setup, ...flags: string[]) => (await shown(setup, ...flags)).lang;

    expect(await step(everything, '--lang', 'en')).toEqual({ value: 'en', source: { kind: 'flag', name: '--lang' } });
    const { SUBSIDY_LANG: _env, ...noEnv } = everything.env;
    expect(await step({ ...everything, env: { ...everything.env, SUBSIDY_LANG: 'en' } })).toEqual({ value: 'en', source: { kind: 'env', name: 'SUBSIDY_LANG' } });
    expect(await step({ ...everything, env: noEnv })).toEqual({ value: 'en', source: { kind: 'config', file: projectFile, line: 2 } });
    // The project's file is over the user's; without it, the user's counts.
    writeFileSync(projectFile, 'params: {}\n');
    expect(await step({ ...everything, env: { ...noEnv, LC_ALL: 'en_US.UTF-8' } })).toEqual({ value: 'zh', source: { kind: 'config', file: userFile, line: 1 } });
    const { XDG_CONFIG_HOME: _xdg, ...noConfig } = noEnv;
    expect(await step({ ...everything, env: { ...noConfig, LC_ALL: 'en_US.UTF-8' } })).toEqual({ value: 'en', source: { kind: 'locale', name: 'LC_ALL', value: 'en_US.UTF-8' } });
    expect(await step({ ...everything, env: { LC_MESSAGES: 'en_GB.UTF-8', LANG: 'zh_CN.UTF-8' } })).toEqual({ value: 'en', source: { kind: 'locale', name: 'LC_MESSAGES', value: 'en_GB.UTF-8' } });
    expect(await step({ ...everything, env: { LANG: 'zh_TW.UTF-8' }, locale: 'en-US' })).toEqual({ value: 'zh', source: { kind: 'locale', name: 'LANG', value: 'zh_TW.UTF-8' } });
    // Windows: no LANG; C and POSIX name no language either. Then the system locale.
    expect(await step({ ...everything, env: {}, locale: 'zh-Hans-CN' })).toEqual({ value: 'zh', source: { kind: 'system', value: 'zh-Hans-CN' } });
    expect(await step({ ...everything, env: { LANG: 'C.UTF-8' }, locale: 'zh-CN' })).toEqual({ value: 'zh', source: { kind: 'system', value: 'zh-CN' } });
    expect(await step({ ...everything, env: {}, locale: 'en-US' })).toEqual({ value: 'en', source: { kind: 'system', value: 'en-US' } });
    expect(await step({ ...everything, env: {}, locale: '' })).toEqual({ value: 'en', source: { kind: 'default' } });
  });

  it('is the language commands speak: list in Chinese from a config file, English with --lang', async () => {
    const t = tree();
    t.project('lang: zh\n');
    const zh = await cli(['list'], { cwd: t.here, env: { LANG: 'en_US.UTF-8' } });
    expect(zh.code).toBe(0);
    expect(zh.stdout).toContain('一次性吸纳就业补贴');
    const en = await cli(['list', '--lang', 'en'], { cwd: t.here, env: { LANG: 'en_US.UTF-8' } });
    expect(en.stdout).toContain('One-off hiring subsidy');
  });

  it('refuses a SUBSIDY_LANG that is not zh or en, in the language of the locale, exit 2', async () => {
    const bad = await cli(['list'], { env: { SUBSIDY_LANG: 'fr', LANG: 'zh_CN.UTF-8' } });
    expect(bad).toEqual({ code: 2, stdout: '', stderr: 'subsidy：SUBSIDY_LANG：“fr”无效：应为 zh 或 en\n' });
  });
});

describe('the config files', () => {
  it('finds subsidy.config.yaml in the working folder or above it, up to the git root and never beyond', () => {
    const t = tree();
    expect(projectConfigPath(t.here)).toBeNull();
    const outside = t.project('lang: zh\n', t.top);
    expect(projectConfigPath(t.here)).toBeNull();
    const atRoot = t.project('lang: zh\n');
    expect(projectConfigPath(t.here)).toBe(atRoot);
    const nearer = t.project('lang: en\n', join(t.root, 'work'));
    expect(projectConfigPath(t.here)).toBe(nearer);
    // Outside any repository the search goes on to the filesystem root.
    expect(projectConfigPath(join(t.top, 'home'))).toBe(outside);
  });

  it("finds the user's file in %APPDATA% on Windows, XDG_CONFIG_HOME or ~/.config elsewhere", () => {
    expect(userConfigPath({ APPDATA: 'C:\\Users\\li\\AppData\\Roaming', HOME: '/ignored' }, 'win32')).toBe('C:\\Users\\li\\AppData\\Roaming\\subsidy\\config.yaml');
    expect(userConfigPath({}, 'win32')).toBeNull();
    expect(userConfigPath({ XDG_CONFIG_HOME: '/x/cfg', HOME: '/home/li' }, 'linux')).toBe('/x/cfg/subsidy/config.yaml');
    expect(userConfigPath({ HOME: '/home/li' }, 'darwin')).toBe('/home/li/.config/subsidy/config.yaml');
    expect(userConfigPath({}, 'linux')).toBeNull();
  });

  it('holds parameters and readings; a flag overrides the file, and the project file overrides the user file entry by entry', async () => {
    const t = tree();
    const userFile = t.user('params:\n  m03-district-housing-subsidy: 50000\n  m03-talent-salary-multiple: 2.5\nreadings:\n  m14-6000-employer-size: any-size\n  m17-600k-cap: all-support\n');
    const projectFile = t.project('params:\n  m03-district-housing-subsidy: "100,000"\nreadings:\n  m14-6000-employer-size: small-medium-micro\n');
    const setup = { cwd: t.here, env: { XDG_CONFIG_HOME: t.xdg } };
    const settings = await shown(setup);
    expect(settings.params).toEqual({
      'm03-district-housing-subsidy': { value: 100000, source: { kind: 'config', file: projectFile, line: 2 } },
      'm03-talent-salary-multiple': { value: 2.5, source: { kind: 'config', file: userFile, line: 3 } },
    });
    expect(settings.readings).toEqual({
      'm14-6000-employer-size': { value: 'small-medium-micro', source: { kind: 'config', file: projectFile, line: 4 } },
      'm17-600k-cap': { value: 'all-support', source: { kind: 'config', file: userFile, line: 6 } },
    });
    expect(settings.files).toEqual({ project: projectFile, user: join(t.xdg, 'subsidy', 'config.yaml'), read: [projectFile, userFile] });
    const flagged = await shown(setup, '--param', 'm03-district-housing-subsidy=7');
    expect(flagged.params['m03-district-housing-subsidy']).toEqual({ value: 7, source: { kind: 'flag', name: '--param' } });
    // And these are the figures a check computes with.
    const profile = join(t.here, 'p.yaml');
    writeFileSync(profile, 'applicantType: district\nsoftwareSector: true\n');
    const paramsOf = async (...flags: string[]) =>
      (JSON.parse((await cli(['check', '--profile', profile, '--json', '--as-of', '2024-06-30', ...flags], setup)).stdout) as { params: Record<string, number> }).params;
    expect(await paramsOf()).toEqual({ 'm03-district-housing-subsidy': 100000, 'm03-talent-salary-multiple': 2.5 });
    expect(await paramsOf('--param', 'm03-district-housing-subsidy=7')).toEqual({ 'm03-district-housing-subsidy': 7, 'm03-talent-salary-multiple': 2.5 });
    // And these are the readings it puts in force, under --reading.
    const readingsOf = async (...flags: string[]) =>
      (JSON.parse((await cli(['check', '--profile', profile, '--json', '--as-of', '2024-06-30', ...flags], setup)).stdout) as { readings: Record<string, string> }).readings;
    expect(await readingsOf()).toMatchObject({ 'm14-6000-employer-size': 'small-medium-micro', 'm17-600k-cap': 'all-support', 'm14-yishang': 'inclusive' });
    expect(await readingsOf('--reading', 'm14-6000-employer-size=any-size')).toMatchObject({ 'm14-6000-employer-size': 'any-size', 'm17-600k-cap': 'all-support' });
  });

  it('names a policy folder relative to itself; --policies overrides it', async () => {
    const t = tree();
    t.project(`policies: ${relative(t.root, join(ROOT, 'policies'))}\n`);
    const settings = await shown({ cwd: t.here });
    expect(settings.policies).toEqual({ value: join(ROOT, 'policies'), source: { kind: 'config', file: join(t.root, 'subsidy.config.yaml'), line: 1 } });
    expect((await shown({ cwd: t.here }, '--policies', join(ROOT, 'policies'))).policies.source).toEqual({ kind: 'flag', name: '--policies' });
    t.project('policies: ./missing\n');
    const missing = await cli(['list'], { cwd: t.here });
    expect(missing.code).toBe(2);
    // Named, as every policy path, relative to the working folder.
    expect(missing.stderr).toMatch(/^subsidy: \.\.\/\.\.\/missing\/document\.yaml: /);
  });

  it('stops a run on a bad file with file:line, the key and what is allowed, in the user language, exit 2', async () => {
    const t = tree();
    const file = t.project('lang: fr\nparams: 5\nfoo: 1\nreadings:\n  a: [1]\n');
    const en = await cli(['list'], { cwd: t.here, env: { LANG: 'en_US.UTF-8' } });
    expect(en).toEqual({
      code: 2,
      stdout: '',
      stderr: [
        `subsidy: ${file}:1: lang: expected zh or en`,
        `subsidy: ${file}:2: params: expected a mapping of parameter: number, e.g. m03-district-housing-subsidy: 100000`,
        `subsidy: ${file}:5: readings.a: expected a mapping of reading id: option`,
        `subsidy: ${file}:3: foo: unknown key; expected one of lang, policies, params, readings`,
        '',
      ].join('\n'),
    });
    const zh = await cli(['config'], { cwd: t.here, env: { LANG: 'zh_CN.UTF-8' } });
    expect(zh.code).toBe(2);
    expect(zh.stderr).toContain(`subsidy：${file}:1：lang：应为 zh 或 en\n`);
    // --lang and SUBSIDY_LANG say the language of these errors too.
    expect((await cli(['list', '--lang', 'zh'], { cwd: t.here, env: { LANG: 'en_US.UTF-8' } })).stderr).toContain(`subsidy：${file}:1：lang：应为 zh 或 en\n`);
    expect((await cli(['config'], { cwd: t.here, env: { LANG: 'en_US.UTF-8', SUBSIDY_LANG: 'zh' } })).stderr).toContain(`subsidy：${file}:1：lang：应为 zh 或 en\n`);
    expect((await cli(['config', '--lang', 'en'], { cwd: t.here, env: { LANG: 'zh_CN.UTF-8' } })).stderr).toContain(`subsidy: ${file}:1: lang: expected zh or en\n`);
    t.project('lang: zh\nlang: en\n');
    expect((await cli(['config'], { cwd: t.here })).stderr).toBe(`subsidy: ${file}:2: lang: the key "lang" appears more than once in this mapping\n`);
    t.project('params:\n  no-such-param: 1\n');
    const unknown = await cli(['config'], { cwd: t.here });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(new RegExp(`^subsidy: ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:2: no-such-param: unknown parameter`));
  });

  it('reads a file Notepad saved as GBK', async () => {
    const t = tree();
    writeFileSync(join(t.root, 'subsidy.config.yaml'), iconv.encode('# 窗口的默认设置\nlang: zh\n', 'gbk'));
    expect((await shown({ cwd: t.here })).lang.value).toBe('zh');
  });

  it('prints what is in force and where from, in Chinese', async () => {
    const t = tree();
    const file = t.project('lang: zh\nparams:\n  m03-district-housing-subsidy: 100000\n');
    const result = await cli(['config'], { cwd: t.here });
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(
      [
        `语言：zh （来自 配置文件 ${file}:1）`,
        `政策文件夹：${join(ROOT, 'policies')} （来自 默认值）`,
        '地方参数：',
        `  m03-district-housing-subsidy = 100000 （来自 配置文件 ${file}:3）`,
        '解读选项：无',
        `项目配置文件：${file}`,
        '用户配置文件：无',
        '',
      ].join('\n'),
    );
  });
});

describe('parseConfig', () => {
  it('takes an empty file as no settings and refuses what is not a mapping', () => {
    expect(parseConfig(null)).toEqual({ ok: true, value: {} });
    expect(parseConfig({ lang: 'zh', readings: { x: 'y' } })).toEqual({ ok: true, value: { lang: 'zh', readings: { x: 'y' } } });
    expect(english(parseConfig(['lang'], 'zh'))).toEqual({ ok: false, problems: [{ path: '', message: '配置文件应为“键: 值”的映射' }] });
  });
});
