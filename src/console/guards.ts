// Small checks on what a request carries, shared by the console's routes.

const MAX_DB_INT = 2_147_483_647;

/** A route parameter as a database id (1 … 2³¹−1, digits only), or null: `-1`, `1e3`, `abc` and too-large numbers are no ids. */
export function routeId(text: unknown): number | null {
  if (typeof text !== 'string' || !/^[1-9]\d{0,9}$/.test(text)) return null;
  const id = Number(text);
  return id <= MAX_DB_INT ? id : null;
}

/** False when the browser says the request comes from another site (no Origin header: a same-site form or a non-browser client, which the CSRF token still covers). */
export function sameSite(origin: string | undefined, host: string | undefined): boolean {
  if (!origin) return true;
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}
