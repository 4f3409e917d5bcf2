import { describe, expect, it } from 'vitest';
import { maskPhone, normalizePhone } from '../../src/core/privacy.ts';

describe('maskPhone', () => {
  it('when a phone is shown it keeps only the first three and last four digits', () => {
    expect(maskPhone('13800001234')).toBe('138****1234');
    expect(maskPhone('138-0000-1234')).toBe('138****1234');
    expect(maskPhone('１３８００００１２３４')).toBe('138****1234');
  });
  it('when the number is short it keeps only the first three digits', () => {
    expect(maskPhone('1380013')).toBe('138****');
    expect(maskPhone('12')).toBe('12');
  });
});

describe('normalizePhone', () => {
  it('when a phone is typed with +86, 86, 0086, spaces, dashes or full-width forms it returns 11 digits', () => {
    expect(normalizePhone('13800001234')).toBe('13800001234');
    expect(normalizePhone('+86 138 0000 1234')).toBe('13800001234');
    expect(normalizePhone('8613800001234')).toBe('13800001234');
    expect(normalizePhone('0086-138-0000-1234')).toBe('13800001234');
    expect(normalizePhone('１３８００００１２３４')).toBe('13800001234');
    expect(normalizePhone('＋８６\u3000１３８－００００－１２３４')).toBe('13800001234');
  });
  it('when the input is not a mainland mobile number it returns null', () => {
    expect(normalizePhone('')).toBeNull();
    expect(normalizePhone('010-12345678')).toBeNull();
    expect(normalizePhone('12800001234')).toBeNull();
    expect(normalizePhone('1380000123')).toBeNull();
    expect(normalizePhone('138000012345')).toBeNull();
    expect(normalizePhone('1380000123a')).toBeNull();
  });
});
