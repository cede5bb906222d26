#!/usr/bin/env node
// Writes fixtures/population/sample.csv: 200 made-up applicants for `subsidy diff --population`, one column per
// declared fact. Seeded, so the same facts declaration always gives the same file. Run after `npm run build`.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadFacts } from '../dist/policy/load.js';

const FACTS = (await loadFacts(fileURLToPath(new URL('../policies', import.meta.url)))).facts;

const ROWS = 200;
const SEED = 20221212;

// mulberry32: a small seeded generator, so that the file does not change from run to run.
let state = SEED;
function random() {
  state = (state + 0x6d2b79f5) | 0;
  let t = Math.imul(state ^ (state >>> 15), 1 | state);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = (values) => values[Math.floor(random() * values.length)];
const between = (low, high) => low + Math.floor(random() * (high - low + 1));

// Most applicants are people and their employers; the other kinds of applicant are rarer.
const APPLICANT_TYPES = [...Array(8).fill('person'), ...Array(6).fill('employer'), 'hr-agency', 'district', 'training-base', 'incubation-base'];
const NUMBERS = {
  salaryMultiple: () => (between(5, 60) / 10).toFixed(1),
  annualSalary: () => String(between(40, 800) * 1000),
  contractYears: () => String(between(0, 6)),
  socialInsuranceMonths: () => String(between(0, 72)),
  yearsSinceGraduation: () => String(between(0, 15)),
  internshipMonths: () => String(between(0, 24)),
  internRetentionRate: () => (between(0, 100) / 100).toFixed(2),
};

function cell(def) {
  if (def.name === 'applicantType') return pick(APPLICANT_TYPES);
  if (random() < 0.1) return ''; // unknown: the applicant did not say
  if (def.type === 'enum') return pick(def.values);
  // The tool is for the software industry: most applicants are in it.
  if (def.type === 'boolean') return random() < (def.name === 'softwareSector' ? 0.85 : 0.3) ? 'yes' : 'no';
  const make = NUMBERS[def.name];
  if (!make) throw new Error(`no generator for the number fact ${def.name}`);
  return make();
}

/** Facts that go together: this year's graduates left school this year and have paid insurance for a year at most. */
function applicant() {
  const facts = Object.fromEntries(FACTS.map((def) => [def.name, cell(def)]));
  if (facts.graduateOfCurrentYear === 'yes') {
    if (facts.yearsSinceGraduation !== '') facts.yearsSinceGraduation = '0';
    if (facts.socialInsuranceMonths !== '') facts.socialInsuranceMonths = String(between(0, 12));
  }
  return facts;
}

const lines = [['id', ...FACTS.map((def) => def.name)].join(',')];
for (let row = 1; row <= ROWS; row++) {
  const facts = applicant();
  lines.push([`S${String(row).padStart(4, '0')}`, ...FACTS.map((def) => facts[def.name])].join(','));
}
const file = fileURLToPath(new URL('../fixtures/population/sample.csv', import.meta.url));
writeFileSync(file, `${lines.join('\n')}\n`);
console.log(`${ROWS} applicants → fixtures/population/sample.csv`);
