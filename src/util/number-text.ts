/**
 * A number as toLocaleString('en-US', { maximumFractionDigits: digits, useGrouping: grouping }) writes it (1,234.5),
 * without Intl: a check formats a few dozen figures, and the locale data Intl loads on its first call cost more than
 * the rest of the report.
 */
export function formatNumber(value: number, digits: number, grouping = true): string {
  if (!Number.isFinite(value) || Math.abs(value) >= 1e21) return value.toLocaleString('en-US', { maximumFractionDigits: digits, useGrouping: grouping });
  // Intl rounds the shortest decimal form of the number (1.005, not 1.00499…), half away from zero.
  let [whole, fraction] = Math.abs(value) < 0.5 * 10 ** -digits ? ['0', ''] : (String(Math.abs(value)).split('.') as [string, string?]);
  fraction ??= '';
  if (fraction.length > digits) {
    const up = fraction[digits]! >= '5';
    fraction = fraction.slice(0, digits);
    if (up) {
      const rounded = (BigInt(whole + fraction) + 1n).toString().padStart(digits + 1, '0');
      [whole, fraction] = [rounded.slice(0, rounded.length - digits), rounded.slice(rounded.length - digits)];
    }
  }
  fraction = fraction.replace(/0+$/, '');
  const sign = value < 0 || Object.is(value, -0) ? '-' : '';
  return `${sign}${grouping ? whole.replace(/\B(?=(\d{3})+$)/g, ',') : whole}${fraction ? `.${fraction}` : ''}`;
}
