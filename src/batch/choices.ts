/** The batch readers' and writers' choices, in a module of their own so that the CLI's flags load nothing else. */
export type InputEncoding = 'utf-8' | 'gbk';
export const INPUT_ENCODINGS: readonly InputEncoding[] = ['utf-8', 'gbk'];

export const OUTPUT_FORMATS = ['csv', 'ndjson', 'long', 'xlsx'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

/**
 * The size from which a CSV file is worth a reader thread (`--single-thread` and `--reader-thread` aside): below it,
 * starting the thread and handing it the bytes cost more than the parsing it takes off the main thread. `npm run
 * bench` measures a smaller file both ways. On the project's 2-core machine (medians, interleaved) a 5-row file took
 * 139 ms on the main thread against 209 ms with the thread, 64,000 rows (8 MB) 588 against 648 ms, and 100,000 rows
 * (12 MB) 670 against 645 ms: they meet between 8 and 12 MB.
 */
export const READER_THREAD_MIN_MIB = 10;
