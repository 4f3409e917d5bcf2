import { describe, expect, it } from 'vitest';
import { normalizeIdNumber } from '../../src/core/roster/id-number.ts';

describe('ID numbers (GB 11643)', () => {
  it('when the check character is right the number is kept, a lower-case x and full-width digits made canonical', () => {
    expect(normalizeIdNumber('11010519491231002x')).toBe('11010519491231002X');
    expect(normalizeIdNumber(' 341602198505050013 ')).toBe('341602198505050013');
    expect(normalizeIdNumber('３４１６０２１９８５０５０５００１３')).toBe('341602198505050013');
  });

  it('when a digit is mistyped, the birth date does not exist or the length is wrong the number is refused', () => {
    expect(normalizeIdNumber('341602198505050014')).toBeNull();
    expect(normalizeIdNumber('341602198502300013')).toBeNull();
    expect(normalizeIdNumber('34160219850505001')).toBeNull();
    expect(normalizeIdNumber('3.41602E+17')).toBeNull();
  });
});
