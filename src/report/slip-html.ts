import { escapeMarkup } from '../util/escape.js';
import { colon as colonIn, joinList } from '../util/messages/index.js';
import type { Slip, SlipItem } from './slip.js';

/** Markup built by `html`: interpolated values are escaped unless they are themselves `Markup`. */
class Markup {
  constructor(readonly text: string) {}
}

function piece(value: unknown): string {
  if (value instanceof Markup) return value.text;
  if (Array.isArray(value)) return value.map(piece).join('');
  if (value === null || value === undefined || value === false) return '';
  return escapeMarkup(String(value));
}

/** A template whose every interpolation is escaped: input-derived text can never become markup. */
function html(strings: TemplateStringsArray, ...values: unknown[]): Markup {
  return new Markup(strings.reduce((out, text, i) => out + piece(values[i - 1]) + text));
}

// System fonts only: the page loads nothing from the network and prints the same offline.
const STYLE = `
@page { size: A4; margin: 10mm 12mm 11mm; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0; color: #111; font: 9pt/1.4 "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", "Hiragino Sans GB", "WenQuanYi Micro Hei", system-ui, sans-serif; }
main { max-width: 186mm; margin: 0 auto; }
@media screen { body { background: #eee; } main { background: #fff; padding: 12mm 13mm; margin: 8mm auto; box-shadow: 0 0 4px #aaa; } }
h1 { font-size: 15pt; margin: 0 0 1mm; }
h2 { font-size: 11pt; margin: 3mm 0 1.2mm; padding-bottom: 0.5mm; border-bottom: 0.6pt solid #444; break-after: avoid; }
p { margin: 1mm 0; }
.policy { margin: 0; display: grid; grid-template-columns: max-content 1fr; gap: 0.3mm 3mm; }
.policy dt { color: #555; }
.policy dd { margin: 0; }
.notice { color: #8a4b00; }
.disclaimer { margin: 2.5mm 0 0; padding: 1.5mm 2.5mm; border: 0.8pt solid #333; font-weight: bold; }
.facts, .facts-no { font-size: 8.5pt; }
.facts { margin: 0; padding: 0; list-style: none; columns: 3; column-gap: 5mm; }
.facts li { break-inside: avoid; }
.facts .label, .facts-no .label { color: #555; }
.facts-no { margin: 1mm 0 0; }
table { width: 100%; border-collapse: collapse; font-size: 8.5pt; line-height: 1.35; }
th, td { text-align: left; vertical-align: top; padding: 0.6mm 1.2mm; border-bottom: 0.4pt solid #bbb; }
th { font-weight: bold; border-bottom: 0.8pt solid #444; white-space: nowrap; }
tr { break-inside: avoid; }
td.figure, td.recipient { white-space: nowrap; }
td.figure { text-align: right; }
td.lead { font-size: 7.5pt; }
table.eligible td:first-child { width: 40%; }
.open-group { break-inside: avoid; margin: 0 0 1mm; }
.to-confirm { margin: 0; font-size: 8.5pt; font-weight: bold; }
.to-confirm .label { color: #8a4b00; }
.open-groups { columns: 2; column-gap: 6mm; }
.open-items { margin: 0; padding-left: 4mm; font-size: 8pt; line-height: 1.3; }
.open-items li { break-inside: avoid; }
.open-items .amount { color: #555; margin-left: 1.5mm; }
.id { font: 7.5pt/1.3 ui-monospace, "DejaVu Sans Mono", Consolas, monospace; color: #555; }
.measure { color: #555; }
.id-line { line-height: 1.3; }
.local, .outside { font-size: 7.5pt; color: #8a4b00; }
.total { font-weight: bold; margin-top: 1.5mm; }
.basis { margin: 0; padding-left: 0; list-style: none; }
.basis li { margin: 0 0 0.6mm; font-size: 7.8pt; line-height: 1.3; break-inside: avoid; }
.basis .where { color: #555; }
.basis q { quotes: "“" "”"; }
`;

function itemCell(item: SlipItem): Markup {
  const notes = [item.localRules, item.outsideTotal].filter((note) => note !== null);
  return html`<span class="measure">${item.measure}</span> ${item.title}<div class="id-line"><span class="id">${item.id}</span>${notes.map(
    (note) => html` <span class="${note === item.outsideTotal ? 'outside' : 'local'}">${note}</span>`,
  )}</div>`;
}

/** The slip as one self-contained HTML page for A4: no scripts, no fonts or images from anywhere. */
export function renderSlipHtml(slip: Slip): string {
  const w = slip.words;
  const colon = colonIn(slip.lang);
  const eligible =
    slip.eligible.length === 0
      ? html`<p>${w.noneEligible}</p>`
      : html`<table class="eligible">
<thead><tr><th>${w.item}</th><th>${w.recipient}</th><th>${w.amount}</th><th>${w.estimate}</th><th>${w.lead}</th></tr></thead>
<tbody>
${slip.eligible.map(
  (item) => html`<tr><td>${itemCell(item)}</td><td class="recipient">${item.recipient}</td><td>${item.amount}</td><td class="figure">${item.estimate ?? '—'}</td><td class="lead">${item.lead}</td></tr>
`,
)}</tbody>
</table>`;
  const undetermined =
    slip.undetermined.length === 0
      ? html`<p>${w.noneUndetermined}</p>`
      : slip.undetermined.map(
          (group) => html`<div class="open-group">
<p class="to-confirm"><span class="label">${w.toConfirm}</span>${colon}${joinList(group.toConfirm, slip.lang)}</p>
<ul class="open-items">
${group.items.map((item) => html`<li><span class="measure">${item.measure}</span> ${item.title}<span class="amount">${item.amount}</span></li>
`)}</ul>
</div>
`,
        );
  const page = html`<!DOCTYPE html>
<html lang="${slip.lang === 'zh' ? 'zh-CN' : 'en'}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${slip.title} — ${slip.policy.document}</title>
<style>${new Markup(STYLE)}</style>
</head>
<body>
<main>
<header>
<h1>${slip.title}</h1>
<dl class="policy">
<dt>${w.document}</dt><dd>${slip.policy.document}</dd>
<dt>${w.documentTitle}</dt><dd>${slip.policy.title}</dd>
<dt>${w.issued}</dt><dd>${slip.policy.issued}</dd>
<dt>${w.asOf}</dt><dd>${slip.asOf}</dd>
</dl>
${slip.notices.map((notice) => html`<p class="notice">${notice}</p>
`)}<p class="disclaimer">${slip.disclaimer}</p>
</header>
<section class="facts-given">
<h2>${w.facts}</h2>
${
  slip.facts.length === 0
    ? html`<p>${w.none}</p>`
    : html`<ul class="facts">
${slip.facts.map((fact) => html`<li><span class="label">${fact.label}</span>${colon}${fact.value}</li>
`)}</ul>`
}
${slip.factsNo ? html`<p class="facts-no"><span class="label">${slip.factsNo.label}</span>${colon}${joinList(slip.factsNo.facts, slip.lang)}</p>` : ''}
</section>
<section class="eligible">
<h2>${w.eligible} (${slip.eligible.length})</h2>
${eligible}
<p class="total">${slip.total}</p>
${slip.outsideTotal ? html`<p class="outside">${slip.outsideTotal}</p>` : ''}
</section>
<section class="undetermined">
<h2>${w.undetermined} (${slip.undeterminedCount})</h2>
<div class="open-groups">
${undetermined}</div>
</section>
${
  slip.basis.length === 0
    ? ''
    : html`<section class="basis">
<h2>${w.basis}</h2>
<ul class="basis">
${slip.basis.map((basis) => html`<li><span class="where">${basis.where}</span> <span class="id">${basis.id}</span> <q>${basis.quote}</q></li>
`)}</ul>
</section>
`
}</main>
</body>
</html>
`;
  return page.text;
}
