// The notes after a help's lists, fitted to the terminal: paragraphs joined and broken again, lists kept in their
// columns, examples and literals as written.
import { describe, expect, it } from 'vitest';
import { reflowNotes } from '../../src/cli/commander-words.js';

const NOTES = [
  '',
  '输入：CSV 文件，第一行用事实项名称列出各列（学历 或',
  'degree）。其他未知的列会被忽略，出现在输出中、',
  '--errors FILE 中。',
  'A blank cell is unknown. A cell may hold up to 1,048,576',
  'characters.',
  '',
  'Output:',
  '  csv     id,row,status,eligible,eligibleCount,totalEstimateCNY,undetermined',
  '          one line per row; item ids are separated by ";"',
  '  ndjson  {"row", "id", "eligible": [{"id", "measure", "recipient"}], "totalEstimateCNY"}',
  '          or {"row", "id", "errors": […]} for a bad row',
  '  xlsx    (the default for --out FILE.xlsx) a workbook: the csv columns as a sheet (numbers as',
  '          numbers), a summary per item',
  '    profile: {applicantType: employer, softwareSector: true, employerSize: small}',
  '',
  'Example:',
  '  $ subsidy batch applicants.csv --out results.csv --errors errors.csv --as-of 2024-06-30',
].join('\n');

describe('reflowNotes', () => {
  it('joins the lines of a paragraph (in Chinese without a space) and breaks them at the width; lists keep their columns', () => {
    expect(reflowNotes(NOTES, 60).split('\n')).toEqual([
      '',
      '输入：CSV 文件，第一行用事实项名称列出各列（学历 或',
      'degree）。其他未知的列会被忽略，出现在输出中、--errors FILE',
      '中。',
      'A blank cell is unknown. A cell may hold up to 1,048,576',
      'characters.',
      '',
      'Output:',
      // A literal too long for its column stays as written, and stands alone.
      '  csv     id,row,status,eligible,eligibleCount,totalEstimateCNY,undetermined',
      '          one line per row; item ids are separated by ";"',
      '  ndjson  {"row", "id", "eligible": [{"id", "measure",',
      '          "recipient"}], "totalEstimateCNY"}',
      '          or {"row", "id", "errors": […]} for a bad row',
      '  xlsx    (the default for --out FILE.xlsx) a workbook: the',
      '          csv columns as a sheet (numbers as numbers), a',
      '          summary per item',
      // A YAML sample is kept as written, to be copied.
      '    profile: {applicantType: employer, softwareSector: true, employerSize: small}',
      '',
      'Example:',
      '  $ subsidy batch applicants.csv --out results.csv --errors errors.csv --as-of 2024-06-30',
    ]);
  });

  it('leaves the text as written below 20 columns, as commander leaves its lists', () => {
    expect(reflowNotes(NOTES, 19)).toBe(NOTES);
  });
});

describe('every help note', () => {
  /** The words of a text in order: each Chinese character and punctuation mark, and each run of anything else. */
  const words = (text: string) => text.match(/[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]|[^\s\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]+/g) ?? [];

  it('keeps its words in their order at every width: none lost, none glued to the next, no space between two Chinese characters', async () => {
    const { MESSAGES } = await import('../../src/util/messages/index.js');
    const notes = Object.entries(MESSAGES).filter(([id]) => /^help\.(\w+\.)?after$/.test(id));
    expect(notes.length).toBeGreaterThan(10);
    for (const [id, text] of notes) {
      for (const lang of ['zh', 'en'] as const) {
        const written = (text as Record<string, string>)[lang]!;
        const spaced = (notes: string) => notes.match(/[\u4e00-\u9fff] [\u4e00-\u9fff]/g)?.length ?? 0;
        for (const width of [20, 24, 36, 50, 60, 80, 100, 120, 200]) {
          const fitted = reflowNotes(written, width);
          expect(words(fitted), `${id} ${lang} ${width}`).toEqual(words(written));
          expect(spaced(fitted), `${id} ${lang} ${width}`).toBeLessThanOrEqual(spaced(written));
        }
      }
    }
  });

  it('breaks a paragraph at the width even where a word is longer than the line; a list row with one stays as written', () => {
    const text = `A path such as ${'x'.repeat(40)}/file.csv is read.\n  csv  ${'id,'.repeat(15)}error`;
    expect(reflowNotes(text, 30).split('\n')).toEqual(['A path such as', `${'x'.repeat(40)}/file.csv`, 'is read.', `  csv  ${'id,'.repeat(15)}error`]);
  });
});
