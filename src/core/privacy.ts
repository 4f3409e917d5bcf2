// Phone numbers are stored for binding and contact but never shown in full in a chat.

/** Masks a phone number as 138****5678 (short, invalid ones keep only their first three digits). */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/[\uFF10-\uFF19]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\D/g, '');
  if (digits.length < 8) return `${digits.slice(0, 3)}${'*'.repeat(Math.max(0, digits.length - 3))}`;
  return `${digits.slice(0, 3)}${'*'.repeat(digits.length - 7)}${digits.slice(-4)}`;
}

/** Normalises a mainland mobile number (full-width digits, spaces, dashes, +86) to 11 digits, or null. */
export function normalizePhone(input: string): string | null {
  const halfWidth = input.replace(/[\uFF10-\uFF19]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/[\uFF0B]/g, '+');
  let digits = halfWidth.replace(/[\s\u3000\-()（）.]/g, '');
  if (digits.startsWith('+86')) digits = digits.slice(3);
  else if (digits.startsWith('0086')) digits = digits.slice(4);
  else if (digits.length === 13 && digits.startsWith('86')) digits = digits.slice(2);
  return /^1[3-9]\d{9}$/.test(digits) ? digits : null;
}
