import { beforeAll, describe, expect, it } from 'vitest';
import { DECLARED } from '../support/facts.js';
import { compilePolicy, evaluate, type CheckResult } from '../../src/engine/evaluate.js';
import { loadProfile } from '../../src/facts/profile.js';
import { buildSlip } from '../../src/report/slip.js';
import { renderSlipHtml } from '../../src/report/slip-html.js';
import { renderSlipMarkdown } from '../../src/report/slip-markdown.js';
import { bundledPolicies } from '../support/bundled-policies.js';

const VOID = new Set(['meta', 'br', 'link', 'img', 'hr', 'input']);

/** Every element closed in order, void elements never closed, attributes quoted: the page is well-formed. */
function wellFormed(html: string): string[] {
  const problems: string[] = [];
  const open: string[] = [];
  const body = html.replace(/^<!DOCTYPE html>\n/, '').replace(/<style>[\s\S]*?<\/style>/, '<style></style>');
  for (const match of body.matchAll(/<(\/?)([a-zA-Z0-9]+)((?:\s+[a-z-]+="[^"<>]*")*)\s*>|<|>/g)) {
    if (match[0] === '<' || match[0] === '>') {
      problems.push(`stray ${match[0]} at ${match.index}`);
      continue;
    }
    const [, closing, name] = match;
    if (VOID.has(name!)) continue;
    if (!closing) open.push(name!);
    else if (open.pop() !== name) problems.push(`</${name}> closes the wrong element at ${match.index}`);
  }
  if (open.length > 0) problems.push(`unclosed: ${open.join(', ')}`);
  return problems;
}

let master: CheckResult;
beforeAll(async () => {
  const compiled = compilePolicy(await bundledPolicies(), { 'm03-district-housing-subsidy': 60000 });
  // The district paid her its housing subsidy (she meets its criteria), so the city's top-up on it is due to the district.
  const profile = { ...(await loadProfile('fixtures/profiles/master.yaml', DECLARED)), districtHousingCriteria: true };
  master = evaluate(compiled, profile, '2024-06-30');
});

describe('the HTML slip', () => {
  it('is one well-formed page with every section, no script and no address to fetch', () => {
    const html = renderSlipHtml(buildSlip(master, 'zh', { facts: DECLARED }));
    expect(wellFormed(html)).toEqual([]);
    expect(html).toMatch(/^<!DOCTYPE html>\n<html lang="zh-CN">/);
    expect(html).toContain('@page { size: A4;');
    expect(html).not.toMatch(/<script|<link|<img|<iframe|url\(|@import|https?:/i);
    for (const text of [
      '<h1>政策享受指引单</h1>',
      '<dt>文号</dt><dd>渝人社发〔2022〕60号</dd>',
      '<dt>标题</dt><dd>助力实施软件和信息服务业“满天星”行动计划的若干措施</dd>',
      '<dt>印发日期</dt><dd>2022-12-12</dd>',
      '<dt>测算日期</dt><dd>2024-06-30</dd>',
      '<h2>申请人提供的情况</h2>',
      '<li><span class="label">学历</span>：硕士</li>',
      '<h2>可享受 (11)</h2>',
      '<h2>待确定 (8)</h2>',
      '<span class="label">尚需确认</span>：见习人·月数（见习人数×月数）、见习留用率',
      '<h2>依据</h2>',
      '<p class="disclaimer">本单仅为政策指引，不是审批决定；能否享受及具体金额以主管部门审核为准。</p>',
      '<td class="recipient">区县</td>',
      '<span class="outside">支付给区县，不是申请人所得，测算 2.5万元，不计入合计</span>',
      // Her district housing subsidy (60,000) is summed; the city's top-up, the district's money, is not.
      '<p class="total">可测算金额合计：6万元</p>',
      '<td class="lead">人力资源流动管理处</td>',
    ]) {
      expect(html).toContain(text);
    }
    for (const item of master.eligible) expect(html).toContain(`<q>${item.basis.quote}</q>`);
  });

  it('escapes every string that comes from the policy or the profile', () => {
    const hostile = structuredClone(master);
    hostile.policy.title = '<script>alert("x")</script> & \'q\'';
    hostile.eligible[0]!.title = { zh: '<img src=x onerror=alert(1)>', en: '<b>' };
    hostile.eligible[0]!.basis.quote = '</q><script>';
    const html = renderSlipHtml(buildSlip(hostile, 'zh', { facts: DECLARED }));
    expect(wellFormed(html)).toEqual([]);
    expect(html).not.toMatch(/<script|<img/);
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &apos;q&apos;');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    const markdown = renderSlipMarkdown(buildSlip(hostile, 'zh', { facts: DECLARED }));
    expect(markdown).toContain('\\<img src=x onerror=alert\\(1\\)\\>');
  });
});

describe('the Markdown slip', () => {
  it('has the same content as the HTML slip', () => {
    const slip = buildSlip(master, 'en', { facts: DECLARED });
    const markdown = renderSlipMarkdown(slip);
    expect(markdown).toMatch(/^# Subsidy guidance slip\n/);
    expect(markdown).toContain('- Document: 渝人社发〔2022〕60号\n- Title: Measures to support the software and information services "Mantianxing" action plan\n- Issued: 2022-12-12\n- As of: 2024-06-30\n');
    expect(markdown).toContain(`**${slip.disclaimer}**`);
    for (const fact of slip.facts) expect(markdown).toContain(`- ${fact.label}: ${fact.value.replace(/[()]/g, '\\$&')}`);
    expect(markdown).toContain('| Item | Recipient | Amount or cap | Estimate | Lead office |');
    expect(markdown).toContain(
      "| measure 3 City top-up to the district \\(master's degree or intermediate title\\)<br>`m03-city-top-up-master-intermediate`<br>depends on local rules<br>paid to the district, not to the applicant; estimate ¥25,000: not in the total | district | up to ¥25,000 per person \\(50% of the base\\) | ¥25,000 | 人力资源流动管理处 |",
    );
    expect(markdown).toContain('**Still to confirm: Intern person-months \\(interns × months\\), Intern retention rate**');
    for (const item of master.eligible) expect(markdown).toContain(`\`${item.id}\`\n  > ${item.basis.quote.replace(/[()+]/g, '\\$&')}`);
  });
});
