// Command and option help, and commander's own words (titles, errors), in Chinese and English.
export const COMMANDER_MESSAGES = {
  'cmd.usage': { zh: '用法：', en: 'Usage:' },
  'cmd.options': { zh: '选项：', en: 'Options:' },
  'cmd.commands': { zh: '命令：', en: 'Commands:' },
  'cmd.arguments': { zh: '参数：', en: 'Arguments:' },
  'cmd.globalOptions': { zh: '全局选项：', en: 'Global Options:' },
  'cmd.optionsToken': { zh: '[选项]', en: '[options]' },
  'cmd.commandToken': { zh: '[命令]', en: '[command]' },
  'cmd.choices': { zh: '可选值：{values}', en: 'choices: {values}' },
  'cmd.default': { zh: '默认：{value}', en: 'default: {value}' },
  'cmd.help': { zh: '显示命令帮助', en: 'display help for command' },
  'cmd.helpCommand': { zh: '显示某个命令的帮助', en: 'display help for command' },
  'cmd.error': { zh: '错误：{detail}', en: 'error: {detail}' },
  'cmd.unknownOption': { zh: '未知的选项“{flag}”', en: "unknown option '{flag}'" },
  'cmd.unknownCommand': { zh: '未知的命令“{name}”', en: "unknown command '{name}'" },
  'cmd.missingArgument': { zh: '缺少必需的参数“{name}”', en: "missing required argument '{name}'" },
  'cmd.optionMissingArgument': { zh: '选项“{flag}”缺少取值', en: "option '{flag}' argument missing" },
  'cmd.conflictingOption': { zh: '选项“{flag}”不能与选项“{other}”同时使用', en: "option '{flag}' cannot be used with option '{other}'" },
  'cmd.mandatoryOption': { zh: '未指定必需的选项“{flag}”', en: "required option '{flag}' not specified" },
  'cmd.invalidChoice': { zh: '选项“{flag}”的取值“{value}”无效。可选值为 {choices}。', en: "option '{flag}' argument '{value}' is invalid. Allowed choices are {choices}." },
  'cmd.invalidArgumentChoice': { zh: '参数“{name}”的取值“{value}”无效。可选值为 {choices}。', en: "command-argument value '{value}' is invalid for argument '{name}'. Allowed choices are {choices}." },
  'cmd.tooManyArguments': { zh: '参数过多{forCommand}。应有 {expected} 个参数，实际为 {got} 个。', en: 'too many arguments{forCommand}. Expected {expected} {argumentWord} but got {got}.' },
  'cmd.forCommand': { zh: '（命令“{name}”）', en: " for '{name}'" },
  'cmd.didYouMean': { zh: '（是否想写 {suggestion}？）', en: '(Did you mean {suggestion}?)' },
  'cmd.didYouMeanOneOf': { zh: '（是否想写以下之一：{suggestions}？）', en: '(Did you mean one of {suggestions}?)' },

  'help.program': { zh: '渝人社发〔2022〕60号（重庆“满天星”软件人才政策措施）资格与补贴测算工具', en: 'Eligibility and subsidy calculator for 渝人社发〔2022〕60号 (Chongqing "Mantianxing" software-talent measures)' },
  'help.version': { zh: '显示本工具及内置政策文件的版本（也可用 -V）', en: 'print the version of the tool and of the bundled policy document (-V works too)' },
  'help.program.after': {
    zh: '\n退出码：0 正常完成；1 已运行但发现不符合或失败；2 无法运行（参数、申请人信息或政策有误）；130 被中断（SIGTERM 为 143，SIGHUP 为 129）。',
    en: '\nExit codes: 0 ran fine; 1 ran but found failures; 2 could not run (bad flags, profile or policy); 130 interrupted (143 SIGTERM, 129 SIGHUP).',
  },
  'help.opt.policies': { zh: '政策文件夹', en: 'policy folder' },
  'help.opt.policiesDefault': { zh: '内置政策', en: 'the bundled policies' },
  'help.opt.noCache': { zh: '读取政策 YAML，而不使用为该文件夹保存的已编译政策', en: 'read the policy YAML instead of the compiled policy set kept for the folder' },
  'help.opt.asOf': { zh: '按此日期测算，格式 YYYY-MM-DD（默认：今天）', en: 'evaluate as of this date, YYYY-MM-DD (default: today)' },
  'help.opt.lang': {
    zh: '输出语言（默认：SUBSIDY_LANG、配置文件、LANG、系统语言，见 subsidy config）',
    en: 'output language (default: SUBSIDY_LANG, then the config file, then LANG, then the system language; see "subsidy config")',
  },
  'help.opt.param': { zh: '文件留给地方规定的数额（可重复）', en: 'a figure the document leaves to local rules (repeatable)' },
  'help.opt.params': { zh: '列有“名称: 值”参数的 YAML 或 JSON 文件（以及 readings: {编号: 选项}）', en: 'a YAML or JSON file of name: value parameters (and readings: {id: option})' },
  'help.opt.reading': { zh: '让对某一含义不明条款的另一种解读生效（可重复；见 "subsidy readings"）', en: 'put another reading of an ambiguous clause in force (repeatable; see "subsidy readings")' },
  'help.opt.json': { zh: '以 JSON 输出', en: 'print the result as JSON' },

  'help.check': { zh: '申请人可享受的各项补贴和待遇，含金额、法律依据以及怎样可多得', en: 'Every subsidy and benefit an applicant can get, with amounts, legal basis and what would get more' },
  'help.check.profile': { zh: '申请人情况，YAML 或 JSON 文件（不给出时，在终端中像 "subsidy ask" 一样逐项询问）', en: 'the applicant\'s facts, as YAML or JSON (without it, on a terminal: asked as "subsidy ask" does)' },
  'help.check.format': { zh: 'table（默认）、json、html（打印给申请人的 A4 指引单）或 markdown（同一指引单）', en: 'table (default), json, html (a slip to print for the applicant, A4) or markdown (the same slip)' },
  'help.check.json': { zh: '等同于 --format json', en: 'the same as --format json' },
  'help.check.out': { zh: '写入此文件（经临时文件再改名），而不输出到标准输出', en: 'write to this file (through a temporary file and a rename) instead of stdout' },
  'help.check.all': { zh: '同时列出不符合的项目及原因', en: 'also list the items that do not apply, and why' },
  'help.check.whatIf': { zh: '列出所有“差一点”：可获得某项目的最小改变（默认：前 3 项）', en: 'list every near miss: the smallest change that would get an item (default: the top 3)' },
  'help.check.set': { zh: '假设情形：不改文件而改变申请人的某个事实项；值为空表示设为未知（可重复）', en: 'try a scenario: change a fact of the profile without editing it; an empty value unsets it (repeatable)' },
  'help.check.after': {
    zh: '\n不给出 --profile 且在终端中运行时，check 会先像 "subsidy ask" 一样逐项询问。\n\n示例：\n  $ subsidy check --profile fixtures/profiles/graduate-small-firm.yaml --as-of 2024-06-30\n  $ subsidy check --profile me.yaml --json --param m03-district-housing-subsidy=100000\n  $ subsidy check --profile me.yaml --format html --out slip.html\n  $ subsidy check --profile me.yaml --set socialInsuranceMonths=6 --what-if',
    en: '\nWithout --profile, on a terminal, check first asks the facts as "subsidy ask" does.\n\nExample:\n  $ subsidy check --profile fixtures/profiles/graduate-small-firm.yaml --as-of 2024-06-30\n  $ subsidy check --profile me.yaml --json --param m03-district-housing-subsidy=100000\n  $ subsidy check --profile me.yaml --format html --out slip.html\n  $ subsidy check --profile me.yaml --set socialInsuranceMonths=6 --what-if',
  },

  'help.batch': { zh: '逐一测算 CSV 文件或 Excel 工作簿中的每位申请人：每行一条结果，流式输出', en: 'Check every applicant of a CSV file or an Excel workbook: one result per row, streamed' },
  'help.batch.file': { zh: '申请人 CSV 文件或 .xlsx 工作簿，或 - 表示从标准输入读取 CSV', en: 'the applicants CSV or .xlsx workbook, or - for CSV on stdin' },
  'help.batch.out': { zh: '将结果写入此文件，而不输出到标准输出', en: 'write the results to this file instead of stdout' },
  'help.batch.format': { zh: '输出格式（默认：--out FILE.xlsx 时为 xlsx，否则为 csv）', en: 'output format (default: xlsx for --out FILE.xlsx, else csv)' },
  'help.batch.sheet': { zh: '要读取的 .xlsx 输入中的工作表（默认：第一个）', en: 'the sheet of an .xlsx input to read (default: the first)' },
  'help.batch.titles': { zh: '结果中用项目名称代替项目编号（--lang zh 时不加此项也会在编号旁列出名称）', en: 'item titles instead of item ids in the results (with --lang zh titles are beside the ids without it)' },
  'help.batch.errors': { zh: '同时将出错的行写入此 CSV 文件', en: 'also write the bad rows to this CSV file' },
  'help.batch.encoding': { zh: '输入编码（默认：UTF-8，识别出 GBK 时按 GBK）', en: 'input encoding (default: UTF-8, or GBK when detected)' },
  'help.batch.singleThread': {
    zh: '在主线程中解析 CSV（默认：机器有多个 CPU 时，{mib} MiB 及以上的文件和标准输入由第二个线程解析）',
    en: 'parse the CSV on the main thread too (default: on a machine with more than one CPU, a second thread parses a file of {mib} MiB or more, and stdin)',
  },
  'help.batch.readerThread': {
    zh: '由第二个线程解析 CSV，不论文件大小和 CPU 个数（默认见 --single-thread）',
    en: 'parse the CSV on a second thread, whatever the size of the file and the number of CPUs (default: see --single-thread)',
  },

  'help.explain': { zh: '某个项目为何适用或不适用：逐项条件、金额、法律条文以及怎样可以改变结果', en: 'Why an item applies or not: its conditions node by node, the amount, the legal clause and what would change it' },
  'help.explain.item': { zh: '项目编号，如 m14-graduate-hiring-subsidy（见 "subsidy list"）', en: 'the item id, e.g. m14-graduate-hiring-subsidy (see "subsidy list")' },
  'help.explain.profile': { zh: '申请人情况，YAML 或 JSON 文件', en: "the applicant's facts, as YAML or JSON" },
  'help.explain.json': { zh: '以 JSON 输出 {item, status, condition, trace, reasons, amount, nearMiss?}', en: 'print {item, status, condition, trace, reasons, amount, nearMiss?} as JSON' },
  'help.explain.after': { zh: '\n示例：\n  $ subsidy explain m14-graduate-hiring-subsidy --profile me.yaml --lang zh', en: '\nExample:\n  $ subsidy explain m14-graduate-hiring-subsidy --profile me.yaml --lang zh' },

  'help.list': { zh: '政策目录：全部措施及其项目、金额、领取方和依据', en: 'The catalogue: all measures with their items, figures, recipients and basis' },
  'help.list.json': { zh: '以 JSON 输出目录', en: 'print the catalogue as JSON' },
  'help.list.after': { zh: "\n示例：\n  $ subsidy list --lang zh\n  $ subsidy list --json | jq '.measures[] | {measure, items: [.items[].id]}'", en: "\nExample:\n  $ subsidy list --lang zh\n  $ subsidy list --json | jq '.measures[] | {measure, items: [.items[].id]}'" },

  'help.lint': { zh: '检查政策文件：格式、已声明的事实项和参数、逐字引文、措施是否齐全、编号是否唯一', en: 'Check policy files: schema, declared facts and parameters, verbatim quotes, measures present, unique ids' },
  'help.lint.json': { zh: '以 JSON 输出 {ok, measures, items, problems}', en: 'print {ok, measures, items, problems} as JSON' },
  'help.lint.after': { zh: '\n发现问题时退出码为 1。\n\n示例：\n  $ subsidy lint --policies policies', en: '\nExit code 1 when a problem is found.\n\nExample:\n  $ subsidy lint --policies policies' },

  'help.facts': { zh: '申请人信息可包含的事实项：名称、类型、允许的取值、名称和说明', en: 'The facts a profile can hold: name, type, allowed values, labels and help' },
  'help.facts.json': { zh: '以 JSON 输出声明', en: 'print the declaration as JSON' },
  'help.facts.markdown': { zh: '输出 Markdown 表格（用于 README）', en: 'print a Markdown table (for the README)' },
  'help.facts.after': { zh: '\n事实项在政策文件夹的 facts.yaml 中声明。\n\n示例：\n  $ subsidy facts --lang zh', en: "\nThe facts are declared in the policy folder's facts.yaml.\n\nExample:\n  $ subsidy facts --lang zh" },

  'help.ask': { zh: '只询问仍有影响的问题，然后像 "check" 一样给出结果', en: 'Ask only the questions that still matter, then report as "check" does' },
  'help.ask.profile': { zh: '从此文件中的事实项开始，只询问其余的', en: 'start from the facts in this file; ask only the rest' },
  'help.ask.save': { zh: '将回答保存为 "check --profile" 可读取的申请人信息文件', en: 'write the answers as a profile that "check --profile" reads' },
  'help.ask.slip': { zh: '为申请人写出指引单，与 "check --format html" 相同', en: 'write the slip for the applicant, as "check --format html" does' },
  'help.ask.json': { zh: '以 JSON 输出结果（提问输出到标准错误）', en: 'print the result as JSON (prompts go to stderr)' },
  'help.ask.after': {
    zh: '\n每个问题都可选“不知道”（该事实项保持未知）和“立即查看结果”。按 Ctrl-C 停止，退出码为 130。\n仍有影响的是否类问题集中在一个清单中：用空格勾选适用的项，再按回车；未勾选的\n视为“否”，除非同时勾选“未勾选的几项我不确定”。\n标准输入不是终端时无法提问：请给出 --profile FILE，ask 将按其中的事实项给出结果。\n\n示例：\n  $ subsidy ask --lang zh --save me.yaml\n  $ subsidy ask --profile partial.yaml --json > result.json',
    en: '\nEvery question offers "don\'t know" (the fact stays unknown) and "show results now". Ctrl-C stops with exit 130.\nThe yes/no facts that still matter come together in one checklist: tick (space) what applies, then Enter; unticked\nmeans no, unless you also tick "I\'m not sure about the unticked ones".\nWithout a terminal on stdin nothing can be asked: give --profile FILE, and ask reports on the facts in it.\n\nExample:\n  $ subsidy ask --lang zh --save me.yaml\n  $ subsidy ask --profile partial.yaml --json > result.json',
  },

  'help.test': { zh: '运行回归测试用例：每个用例包含申请人信息、日期和预期结果', en: 'Run regression cases: each a profile, a date and the results expected' },
  'help.test.paths': { zh: '测试用例文件或其所在文件夹（默认：{folder}）', en: 'case files or folders of them (default: {folder})' },
  'help.test.reporter': { zh: '输出格式', en: 'output format' },
  'help.test.out': { zh: '将报告写入此文件（易读格式的报告仍输出到标准输出）', en: 'write the report to this file (the pretty report still goes to stdout)' },
  'help.test.update': { zh: '列出变化后，按当前政策改写未通过的预期', en: 'rewrite failing expectations from the current policies, after listing the changes' },
  'help.test.coverage': { zh: '同时列出没有用例使其可享受或排除的项目，以及未从两方面检验过的条件分支', en: 'also list items no case makes eligible or rules out, and condition branches not seen both ways' },
  'help.test.after': {
    zh: '\n测试用例文件是一个 YAML 格式的用例列表（见 "subsidy schema cases"）：\n  - name: 小型软件企业吸纳应届毕业生\n    asOf: 2024-06-30\n    profile: {applicantType: employer, ...}\n    expect:\n      eligible: [m14-graduate-hiring-subsidy]\n      estimates: {m14-graduate-hiring-subsidy: 2000}\n只检查列出的项目。用例可以让解读生效（readings: {编号: 选项}）；--reading 让某一解读对所有未自行选择该解读的用例生效。\n\n有用例未通过时退出码为 1；测试用例文件或政策无法读取时为 2。\n\n示例：\n  $ subsidy test\n  $ subsidy test fixtures/cases/m14.yaml --coverage\n  $ subsidy test --reporter junit --out test-results/cases.xml',
    en: '\nA case file is a YAML list of cases (see "subsidy schema cases"):\n  - name: graduate hired by a small software firm\n    asOf: 2024-06-30\n    profile: {applicantType: employer, ...}\n    expect:\n      eligible: [m14-graduate-hiring-subsidy]\n      estimates: {m14-graduate-hiring-subsidy: 2000}\nOnly the items listed are checked. A case may put readings in force (readings: {id: option}); --reading puts\none in force for every case that does not choose that reading itself.\n\nExit code 1 when a case fails; 2 when a case file or the policies cannot be read.\n\nExamples:\n  $ subsidy test\n  $ subsidy test fixtures/cases/m14.yaml --coverage\n  $ subsidy test --reporter junit --out test-results/cases.xml',
  },

  'help.diff': { zh: '政策修改的影响：用文字说明规则的变化，以及在人员名单上谁多得、谁少得', en: 'What a policy change does: the rules changed, in words, and who gains or loses on a population' },
  'help.diff.base': { zh: '修改前的政策：文件夹，或 git 版本（分支、标签、提交）', en: 'the policies before: a folder, or a git revision (branch, tag, commit)' },
  'help.diff.head': { zh: '修改后的政策（默认：当前的 --policies 文件夹）', en: 'the policies after (default: the --policies folder as it is)' },
  'help.diff.population': { zh: '用这些申请人（按 "subsidy batch" 的方式读取）分别测算两版政策，统计每个项目多得或少得的人数', en: 'run both over these applicants (as "subsidy batch" reads them) and count who gains or loses each item' },
  'help.diff.encoding': { zh: '人员名单 CSV 的编码（默认：UTF-8，不是 UTF-8 时按 GBK）', en: 'encoding of the population CSV (default: UTF-8, or GBK when it is not UTF-8)' },
  'help.diff.json': { zh: '以 JSON 输出报告', en: 'print the report as JSON' },
  'help.diff.failOnChange': { zh: '有任何变化时退出码为 1：给出 --population 时为任何申请人的结果，否则为任何规则', en: "exit 1 when anything changed: any applicant's result with --population, else any rule" },
  'help.diff.out': { zh: '同时将完整报告（每个结果有变化的申请人）写入此文件', en: 'also write the full report (every changed applicant) to this file' },
  'help.diff.limit': { zh: '屏幕上列出的结果有变化的申请人数', en: 'changed applicants listed on screen' },
  'help.diff.after': {
    zh: '\ngit 版本由 git 本身读取（git ls-tree、git show），路径与仓库中的 --policies 文件夹相同；不会改动工作区。\n存在的路径视为文件夹。\n\n给出 --fail-on-change 且有变化时退出码为 1；任一方无法读取时为 2。\n\n示例：\n  $ subsidy diff --base main --head policies\n  $ subsidy diff --base origin/main --population fixtures/population/sample.csv --as-of 2024-06-30 --out diff.txt\n  $ subsidy diff --base v1.0 --head HEAD --population applicants.csv --fail-on-change   # 不应改变任何结果的重构',
    en: '\nA git revision is read with git itself (git ls-tree, git show), at the same path as the --policies folder\ninside the repository; the working tree is not touched. A path that exists is taken as a folder.\n\nExit code 1 with --fail-on-change when something changed; 2 when a side cannot be read.\n\nExamples:\n  $ subsidy diff --base main --head policies\n  $ subsidy diff --base origin/main --population fixtures/population/sample.csv --as-of 2024-06-30 --out diff.txt\n  $ subsidy diff --base v1.0 --head HEAD --population applicants.csv --fail-on-change   # a refactor that must change no outcome',
  },

  'help.schema': { zh: '输出政策、事实项、解读、申请人信息或测试用例文件的 JSON Schema，由校验用的模式生成', en: 'Print the JSON Schema of a policy, facts, readings, profile or case file, generated from the validating schemas' },
  'help.schema.kind': { zh: '哪种文件', en: 'which file' },

  'help.readings': { zh: '文件允许有不止一种理解的条款：每种解读、其选项、默认选项及理由', en: 'The clauses the document lets be read more than one way: each reading, its options, the default and why' },
  'help.readings.json': { zh: '以 JSON 输出 {readings: [{id, measure, clause, question, options: [{id, label}], default, rationale}]}', en: 'print {readings: [{id, measure, clause, question, options: [{id, label}], default, rationale}]} as JSON' },
  'help.readings.after': {
    zh: '\n解读在政策文件夹的 readings.yaml 中声明，由条件检验。在 check、ask、explain、batch、test、diff 和 sql 上\n用 --reading ID=OPTION 让另一选项生效（或写在 --params 文件的 readings: 中），\n并用 "subsidy diff --reading ID=OPTION --population FILE" 统计受影响的人。\n\n示例：\n  $ subsidy readings --lang zh\n  $ subsidy check --profile me.yaml --reading m14-6000-employer-size=small-medium-micro',
    en: '\nThe readings are declared in the policy folder\'s readings.yaml; conditions test them. Put another option in\nforce with --reading ID=OPTION on check, ask, explain, batch, test, diff and sql (or readings: in a --params file),\nand measure who it affects with "subsidy diff --reading ID=OPTION --population FILE".\n\nExample:\n  $ subsidy readings --lang zh\n  $ subsidy check --profile me.yaml --reading m14-6000-employer-size=small-medium-micro',
  },
  'help.schema.after': {
    zh: '\n"policy" 指措施文件（policies/measures/*.yaml），与 "policy-measure" 相同。\nprofile、cases 和 measure 的模式列出 --policies 文件夹中 facts.yaml 的事实项。\nschemas/ 文件夹保存这些模式，供编辑器使用：YAML 文件的第一行可以这样指向其中之一\n  # yaml-language-server: $schema=../schemas/profile.schema.json\n\n示例：\n  $ subsidy schema cases > schemas/cases.schema.json\n  $ subsidy schema profile --policies my-policies > my-policies/profile.schema.json',
    en: '\n"policy" is a measure file (policies/measures/*.yaml), the same as "policy-measure".\nThe profile, cases and measure schemas name the facts of the --policies folder\'s facts.yaml.\nThe schemas/ folder holds these, for editors: a YAML file points at one with a first line like\n  # yaml-language-server: $schema=../schemas/profile.schema.json\n\nExample:\n  $ subsidy schema cases > schemas/cases.schema.json\n  $ subsidy schema profile --policies my-policies > my-policies/profile.schema.json',
  },

  'help.sql': { zh: '将政策编译为一条针对申请人数据表的 SQL 查询，适用于 DuckDB、PostgreSQL 或 Spark', en: 'The policy as one SQL query over a table of applicants, for DuckDB, PostgreSQL or Spark' },
  'help.sql.dialect': { zh: 'SQL 引擎', en: 'the SQL engine' },
  'help.sql.table': { zh: '申请人数据表：普通表名或 schema.table', en: 'the applicants table: a plain name or schema.table' },
  'help.sql.columns': { zh: '数据表中有的事实项，用逗号分隔（默认：全部事实项）；其余视为未知', en: 'the facts the table has, comma-separated (default: every fact); the others are unknown' },
  'help.sql.shape': { zh: 'long：每个申请人的每个项目一行；wide：每个申请人一行', en: 'long: a row per applicant and item; wide: a row per applicant' },

  'help.config': { zh: '当前生效的设置（语言、政策文件夹、参数、解读选项）及各自的来源', en: 'The settings in force (language, policy folder, parameters, readings) and where each came from' },
  'help.config.json': { zh: '以 JSON 输出 {lang, policies, params, readings, files}，每个值附其来源', en: 'print {lang, policies, params, readings, files} as JSON, each value with its source' },
  'help.config.after': {
    zh: `
默认值依次来自：本文件夹或其上最近一级文件夹（直到 git 仓库根目录）中的 subsidy.config.yaml，
然后是用户的 config.yaml（Windows 上为 %APPDATA%\\subsidy，否则为 $XDG_CONFIG_HOME/subsidy 或 ~/.config/…）：
  lang: zh
  policies: ./policies  # 相对于本文件所在的文件夹
  params: {m03-district-housing-subsidy: 100000}
  readings: {reading-id: option}
命令行选项优先于配置文件；SUBSIDY_LANG 优先于配置文件中的 lang。

示例：
  $ subsidy config
  $ subsidy config --json`,
    en: `
Defaults come from subsidy.config.yaml in this folder or the nearest folder
above it (up to the git repository's root), then from the user's config.yaml
(%APPDATA%\\subsidy on Windows, else $XDG_CONFIG_HOME/subsidy or ~/.config/…):
  lang: zh
  policies: ./policies  # relative to this file's folder
  params: {m03-district-housing-subsidy: 100000}
  readings: {reading-id: option}
Flags override the files; SUBSIDY_LANG overrides their lang.

Example:
  $ subsidy config
  $ subsidy config --json`,
  },
} as const;
