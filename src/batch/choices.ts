/** The batch readers' and writers' choices, in a module of their own so that the CLI's flags load nothing else. */
export type InputEncoding = 'utf-8' | 'gbk';
export const INPUT_ENCODINGS: readonly InputEncoding[] = ['utf-8', 'gbk'];

export const OUTPUT_FORMATS = ['csv', 'ndjson', 'long', 'xlsx'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];
