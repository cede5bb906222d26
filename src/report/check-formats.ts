/** What `check --format` can print: the terminal report, the data, or the applicant's slip. Kept apart so the CLI's flags load nothing else. */
export const CHECK_FORMATS = ['table', 'json', 'html', 'markdown'] as const;
export type CheckFormat = (typeof CHECK_FORMATS)[number];
