import { isMessage, render } from '../../dist/util/messages/index.js';

/** A value with every message in it rendered in English, for tests that compare the words. */
export function english<T>(value: T): T {
  if (isMessage(value)) return render(value, 'en') as T;
  if (Array.isArray(value)) return value.map(english) as T;
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, english(inner)])) as T;
  }
  return value;
}
