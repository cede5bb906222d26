import { describe, expect, it } from 'vitest';
import { nearest } from '../../src/util/suggest.js';

describe('suggestions', () => {
  it('completes a name cut short, and corrects a typo', () => {
    const ids = ['m14-graduate-hiring-subsidy', 'm14-priority-group-hiring-subsidy', 'm16-internship-subsidy'];
    expect(nearest('m14-graduate-hiring', ids)).toBe('m14-graduate-hiring-subsidy');
    expect(nearest('m16-internship-subsidi', ids)).toBe('m16-internship-subsidy');
    expect(nearest('something-else-entirely', ids)).toBeUndefined();
  });
});
