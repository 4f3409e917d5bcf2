// Phone numbers are stored for binding and contact but never shown in full in a chat or an error.

/** Full-width ASCII (U+FF01–FF5E) and the ideographic space become their half-width forms. */
function halfWidth(text: string): string {
  return text.replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ');
}

/** Masks a phone number as 138****5678; short or odd input keeps at most its first three digits. */
export function maskPhone(phone: string): string {
  const digits = halfWidth(phone).replace(/\D/g, '');
  if (digits.length < 8) return `${digits.slice(0, 3)}${'*'.repeat(Math.max(0, digits.length - 3))}`;
  return `${digits.slice(0, 3)}${'*'.repeat(digits.length - 7)}${digits.slice(-4)}`;
}

/** Normalises a mainland mobile number (full-width forms, spaces, dashes, +86/0086/86) to 11 digits, or null. */
export function normalizePhone(input: string): string | null {
  let digits = halfWidth(input).replace(/[\s\-\u2010-\u2015()（）.]/g, '');
  if (digits.startsWith('+86')) digits = digits.slice(3);
  else if (digits.startsWith('0086')) digits = digits.slice(4);
  else if (digits.length === 13 && digits.startsWith('86')) digits = digits.slice(2);
  return /^1[3-9]\d{9}$/.test(digits) ? digits : null;
}

/** Masks every mobile number inside a text (e.g. a spreadsheet cell quoted back in an error). */
export function maskPhonesIn(text: string): string {
  return text.replace(/(?<!\d)1[3-9]\d{9}(?!\d)/g, (phone) => maskPhone(phone));
}
