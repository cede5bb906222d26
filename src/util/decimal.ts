/**
 * A plain decimal number as people write one: 12000, 12,000 (commas only between groups of three), 12000.5, .5, -3.
 * No exponent (1e3), hex (0x10), infinity or words; at most 2^53 in size, so that every whole number is exact.
 */
const DECIMAL = /^[+-]?(\d{1,3}(,\d{3})+|\d+)?(\.\d+)?$/;

/** What parseDecimal takes, in words, for messages; with the least value allowed, if any. */
export function decimalWords(min?: number): string {
  return `a plain decimal number${min === undefined ? '' : ` ≥ ${min}`} (like 12000, 12000.5 or 12,000)`;
}

/** 50000 → "50,000", without toLocaleString (whose first call loads ICU's locale data). */
export function groupThousands(count: number): string {
  return String(count).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

export function parseDecimal(text: string): number | undefined {
  const trimmed = text.trim();
  if (!DECIMAL.test(trimmed) || !/\d/.test(trimmed)) return undefined;
  const value = Number(trimmed.replace(/,/g, ''));
  return Number.isFinite(value) && Math.abs(value) <= Number.MAX_SAFE_INTEGER ? value : undefined;
}

/**
 * A plain decimal (as parseDecimal takes it) times a plain decimal `times`, divided by `per`: `60` × "0.01" = 0.6,
 * `1.5` × "10000" = 15000, `6` ÷ 12 = 0.5. The product is computed exactly on the digits, so that 57% is 0.57 and
 * not 0.5700000000000001; only the division by `per` (which is 1 but for months in years) rounds.
 */
export function parseScaledDecimal(text: string, times: string, per: number): number | undefined {
  if (parseDecimal(text) === undefined) return undefined;
  const [, sign = '', whole = '', fraction = ''] = /^([+-]?)(\d*)(?:\.(\d*))?$/.exec(text.trim().replace(/,/g, ''))!;
  const [, timesWhole = '', timesFraction = ''] = /^(\d*)(?:\.(\d*))?$/.exec(times) ?? [];
  const scale = fraction.length + timesFraction.length;
  const digits = (BigInt(`${whole}${fraction}` || '0') * BigInt(`${timesWhole}${timesFraction}` || '0')).toString().padStart(scale + 1, '0');
  const value = Number(`${sign}${digits.slice(0, digits.length - scale)}.${digits.slice(digits.length - scale)}`) / per;
  return Number.isFinite(value) && Math.abs(value) <= Number.MAX_SAFE_INTEGER ? value : undefined;
}
