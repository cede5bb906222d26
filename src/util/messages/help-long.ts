// Command and option help, and commander's own words, in Chinese and English (the cli layer's help texts).
export const HELP_MESSAGES = {
  'help.batch.after': {
    zh: `
输入：CSV 文件，第一行用事实项名称或其中文、英文名称列出各列，不区分大小写（学历 或 degree，社保月数 或
socialInsuranceMonths；见 "subsidy facts"）。id 或 编号 列原样带入结果；其他未知的列会被忽略并给出警告。
空单元格表示未知。编码为 UTF-8（带或不带 BOM）；GBK 文件请加 --encoding gbk，或在字节不是有效 UTF-8 时
自动识别（并给出提示）。"-" 表示从标准输入读取 CSV。.xlsx 工作簿（按文件名或内容识别）读取第一个工作表，
或 --sheet NAME 指定的工作表；每个单元格按 Excel 另存为 CSV 时的写法读取（数字按存储值，TRUE/FALSE，
日期为 2024-06-30，公式取其保存的结果）。

“行”指申请人的数据行：1 为表头后的第一行；空行（空白行，或只有空单元格的行，如 ",,,"）被跳过且不计数。
空的编号保持为空。一个单元格最多 1,048,576 个字符（更长的会使该行出错）。

输出（标准输出，或 --out FILE，要么整个写出，要么完全不写；CSV 文件以 BOM 开头，便于 Excel 打开）：
  csv     id,row,status,eligible,eligibleCount,totalEstimateCNY,undetermined,error
          每行一条；项目编号之间用 ";" 分隔
  long    id,measure,item,recipient,figure,estimate
          每个申请人的每个可享受项目一行，便于做数据透视表（出错的行只在 --errors 中）
  ndjson  {"row", "id", "eligible": [{"id", "measure", "recipient", "cny", "estimateCNY"}], "undetermined": [{"id", "measure", "cny", "missing"}], "totalEstimateCNY"}
          出错的行为 {"row", "id", "errors": [{"column", "value", "message"}, …]}
  xlsx    （--out FILE.xlsx 时的默认格式）工作簿：csv 各列为一个工作表（数字按数字存储，表头冻结），
          一个有误单元格的工作表，以及按项目的汇总；每个单元格都是值，不含公式；最多 1,048,575 行
加 --lang zh 时，csv、long 和 xlsx 的表头、状态和领取方为中文，项目名称列在编号旁（加 --titles：代替编号）；
--lang en 保留上述英文表头，便于程序读取。
CSV 中以 = + - @ 开头的单元格会加上前缀 '，以免 Excel 将其当作公式执行。

出错的行不会中断批量处理：每个有误的单元格都会连同其行号、列、值和允许的取值一起报告，出现在输出中、
--errors FILE 中（row,id,column,value,message：每个有误的单元格一行）以及标准错误输出上。
汇总和进度信息输出到标准错误。

退出码：0 所有行均无误；1 有行出错；2 无法运行（参数有误、文件无法读取或为空、没有可识别的表头）。

示例：
  $ subsidy batch applicants.csv --out results.csv --errors errors.csv --as-of 2024-06-30
  $ subsidy batch - --format ndjson < applicants.csv
  $ subsidy batch applicants.xlsx --lang zh --out results.xlsx`,
    en: `
Input: a CSV whose first row names facts by name or label, in any case (学历 or degree, 社保月数 or
socialInsuranceMonths; see "subsidy facts"). An id or 编号 column passes through; other unknown columns are
ignored with a warning. A blank cell is unknown. UTF-8 with or without BOM; GBK with --encoding gbk, or
detected (with a notice) when the bytes are not valid UTF-8. "-" reads CSV on stdin. An .xlsx workbook (by its
name or its bytes) is read from its first sheet, or --sheet NAME; each cell is read as the CSV cell Excel would
write (numbers as stored, TRUE/FALSE, dates as 2024-06-30, a formula's saved result).

"row" is the applicant's data row: 1 is the first row after the header; blank rows (empty lines, or only empty
cells such as ",,,") are skipped and not counted. A blank id stays blank. A cell may hold up to 1,048,576
characters (a longer one makes its row an error).

Output (stdout, or --out FILE written whole or not at all; CSV files start with a BOM for Excel):
  csv     id,row,status,eligible,eligibleCount,totalEstimateCNY,undetermined,error
          one line per row; item ids are separated by ";"
  long    id,measure,item,recipient,figure,estimate
          one line per applicant and eligible item, for pivot tables (bad rows are in --errors only)
  ndjson  {"row", "id", "eligible": [{"id", "measure", "recipient", "cny", "estimateCNY"}], "undetermined": [{"id", "measure", "cny", "missing"}], "totalEstimateCNY"}
          or {"row", "id", "errors": [{"column", "value", "message"}, …]} for a bad row
  xlsx    (the default for --out FILE.xlsx) a workbook: the csv columns as a sheet (numbers as numbers, header
          frozen), a sheet of bad cells, a summary per item; every cell a value, never a formula; at most
          1,048,575 rows
With --lang zh the csv, long and xlsx headers, statuses and recipients are in Chinese and item titles stand
beside the ids (--titles: instead of them); --lang en keeps the English headers above for programs.
Cells starting with = + - @ are prefixed with ' in CSV so that Excel does not run them as formulas.

A bad row never stops the batch: each of its bad cells is reported with its row, column, value and what is
allowed, in the output, in --errors FILE (row,id,column,value,message: a line per bad cell) and on stderr.
Summary and progress go to stderr.

Exit codes: 0 every row ok; 1 some rows had errors; 2 could not run (bad flags, unreadable or empty file,
no recognisable header).

Example:
  $ subsidy batch applicants.csv --out results.csv --errors errors.csv --as-of 2024-06-30
  $ subsidy batch - --format ndjson < applicants.csv
  $ subsidy batch applicants.xlsx --lang zh --out results.xlsx`,
  },
  'help.sql.after': {
    zh: `
数据表有一个 id 列，每个事实项一列，列名即事实项名称（见 "subsidy facts"）：是否类为 BOOLEAN，数值类为
数值类型，枚举类为文本，写取值名称或其中文、英文名称（不区分大小写）；NULL 表示未知。无法按事实项允许的
值读取的值（无法识别或有歧义的写法、超出范围的数、NaN 或无穷大、带小数的整数）按未知处理，并在
invalid_facts 列中列出。

输出（long）：id、item、measure、recipient、status（'eligible' 或 'undetermined'）、figure_cny、estimate_cny、
invalid_facts：每个申请人的每个可享受或待确定项目一行，判定结果与 "subsidy check" 相同。
输出（wide）：id、invalid_facts、每个项目一个状态列（'eligible'、'undetermined'、'ineligible'）、
total_estimate_cny。

示例：
  $ subsidy sql --dialect duckdb --as-of 2024-06-30 > subsidy.sql
  $ subsidy sql --dialect postgres --table hr.applicants --columns applicantType,degree,socialInsuranceMonths --shape wide`,
    en: `
The table has an id column and one column per fact, named by the fact's name (see "subsidy facts"): booleans
as BOOLEAN, numbers as a numeric type, enums as text holding the value's name or its Chinese or English label, in
any case; NULL is unknown. A value the query cannot read as one the fact allows (a spelling not known or
ambiguous, a number out of range, NaN or an infinity, a whole number with a fraction) is taken as unknown and
named in the invalid_facts column.

Output (long): id, item, measure, recipient, status ('eligible' or 'undetermined'), figure_cny, estimate_cny,
invalid_facts: one row per applicant and item that is eligible or undetermined, as "subsidy check" decides it.
Output (wide): id, invalid_facts, one status column per item ('eligible', 'undetermined', 'ineligible'),
total_estimate_cny.

Example:
  $ subsidy sql --dialect duckdb --as-of 2024-06-30 > subsidy.sql
  $ subsidy sql --dialect postgres --table hr.applicants --columns applicantType,degree,socialInsuranceMonths --shape wide`,
  },
} as const;
