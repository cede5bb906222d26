import { describe, expect, it } from 'vitest';
import type { BatchSummary } from '../../src/batch/tally.js';
import { renderBatchSummary } from '../../src/report/batch-summary.js';

const SUMMARY = {
  rowsRead: 3,
  rowsOk: 3,
  rowsError: 0,
  items: [
    { id: 'm14-graduate-hiring-subsidy', eligible: 2, estimateCNY: 4000, title: { zh: '吸纳毕业年度高校毕业生一次性吸纳就业补贴', en: 'One-off hiring subsidy for a graduate' } },
    { id: 'm21-talent-service-card', eligible: 3, estimateCNY: 0, title: { zh: '重庆英才服务卡', en: `${'x'.repeat(30)} card for talent` } },
  ],
  totalEstimateCNY: 4000,
} as unknown as BatchSummary;

describe('renderBatchSummary', () => {
  it('breaks a title at the width under its column; a first word too long for the column stays whole', () => {
    expect(renderBatchSummary(SUMMARY, 'zh', 60).split('\n')).toEqual([
      '共读取 3 行：成功 3 行，出错 0 行。',
      '各项目符合条件的申请人数及测算金额：',
      '  m14-graduate-hiring-subsidy  2  4000元  吸纳毕业年度高校毕',
      '                                          业生一次性吸纳就业',
      '                                          补贴',
      '  m21-talent-service-card      3       —  重庆英才服务卡',
      '可测算金额合计：4000元',
      '',
    ]);
    expect(renderBatchSummary(SUMMARY, 'en', 60).split('\n').slice(2, -2)).toEqual([
      '  m14-graduate-hiring-subsidy  2  ¥4,000  One-off hiring',
      '                                          subsidy for a',
      '                                          graduate',
      // A first word too long for the column: kept whole after the prefix, nothing cut.
      `  m21-talent-service-card      3       —  ${'x'.repeat(30)}`,
      '                                          card for talent',
    ]);
  });

  it('keeps each item on one line without a width (a log)', () => {
    expect(renderBatchSummary(SUMMARY, 'en').split('\n')[3]).toBe(`  m21-talent-service-card      3       —  ${'x'.repeat(30)} card for talent`);
  });
});
