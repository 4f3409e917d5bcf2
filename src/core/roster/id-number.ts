// 身份证号 (GB 11643-1999): 17 digits — region, birth date, sequence — and a check character from
// ISO 7064 MOD 11-2. Checked at import so a typo is caught on the row where it was made; never shown.

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

/** The ID number in its canonical form (upper-case X), or null when its form, birth date or check character is wrong. */
export function normalizeIdNumber(raw: string): string | null {
  const id = raw.trim().replace(/[\s\u3000]/g, '').replace(/[\uFF10-\uFF19]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).toUpperCase();
  if (!/^\d{17}[\dX]$/.test(id)) return null;
  const year = Number(id.slice(6, 10));
  const month = Number(id.slice(10, 12));
  const day = Number(id.slice(12, 14));
  const born = new Date(Date.UTC(year, month - 1, day));
  if (year < 1900 || born.getUTCMonth() !== month - 1 || born.getUTCDate() !== day) return null;
  const sum = WEIGHTS.reduce((s, w, i) => s + w * Number(id[i]), 0);
  return CHECK[sum % 11] === id[17] ? id : null;
}
