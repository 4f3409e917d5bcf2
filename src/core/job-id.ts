// BullMQ refuses a custom job id that looks like an integer or contains ':' (unless it has exactly
// three ':'-parts, a leftover of its old repeat ids). Every scheduled job's id is built here, so no
// caller can write one BullMQ would refuse; the separator is '.', which no part may contain.

const PART = /^[A-Za-z0-9][A-Za-z0-9-]*$/;
const SEPARATOR = '.';

/** The id of a scheduled job: a kind starting with a letter, then its parts, joined by '.' (e.g. `session.12.open`). */
export function jobId(kind: string, ...parts: (string | number)[]): string {
  if (!/^[A-Za-z]/.test(kind)) throw new Error(`job id kind must start with a letter: ${kind}`);
  for (const part of [kind, ...parts]) if (!PART.test(String(part))) throw new Error(`job id part must be letters, digits and '-': ${part}`);
  return [kind, ...parts].join(SEPARATOR);
}

/** The id the same job had before ids were built here (`session:12:open`): deployments may still hold those in Redis. */
export function legacyJobId(id: string): string {
  return id.split(SEPARATOR).join(':');
}

/** True when BullMQ takes `id` as a custom job id as it is (no ':', not integer-looking). */
export function isAcceptedJobId(id: string): boolean {
  return id.length > 0 && !id.includes(':') && `${Number.parseInt(id, 10)}` !== id;
}
