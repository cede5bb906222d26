/** The batch readers' and writers' choices, in a module of their own so that the CLI's flags load nothing else. */
export type InputEncoding = 'utf-8' | 'gbk';
export const INPUT_ENCODINGS: readonly InputEncoding[] = ['utf-8', 'gbk'];

export const OUTPUT_FORMATS = ['csv', 'ndjson', 'long', 'xlsx'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

/**
 * The size from which a CSV file is worth a reader thread (`--single-thread` aside): below it, starting the thread and
 * handing it the bytes cost more than the parsing it takes off the main thread. `npm run bench` measures both sides:
 * on the project's 2-core machine they met at about 150,000 rows (19 MB), and a 5-row file took 209 ms with the thread
 * against 139 ms without.
 */
export const READER_THREAD_MIN_MIB = 16;
