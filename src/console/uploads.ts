import type { FastifyRequest } from 'fastify';
import type { RosterFileKind } from '../core/roster/parse-off-thread.ts';
import type { MessageKey } from '../i18n/index.ts';
import { csrfMatches, type ConsoleAccount } from '../features/access/console-accounts.ts';
import { UserError } from '../core/errors.ts';
import { chinaTimeFromInputs } from '../core/time/parse-time-phrase.ts';

// Reading an uploaded spreadsheet (a roster, a timetable) from a multipart form whose first field is
// the CSRF token: the bytes, or why there are none.

export type Upload =
  | { ok: true; bytes: Uint8Array; filename: string; kind: RosterFileKind }
  | { ok: false; status: 400 | 403 | 413; key?: MessageKey };

/** The file of a multipart post, once its CSRF field matched; a cut-off file is too large. */
export async function readUpload(request: FastifyRequest, account: ConsoleAccount): Promise<Upload> {
  const file = await request.file();
  if (!file) return { ok: false, status: 400 };
  const fields = file.fields as Record<string, { value?: unknown }>;
  if (!csrfMatches(account, fields._csrf?.value)) return { ok: false, status: 403 };
  const bytes = await file.toBuffer().then((b) => new Uint8Array(b), (error: { code?: string }) => (error.code === 'FST_REQ_FILE_TOO_LARGE' ? null : Promise.reject(error)));
  // busboy can end the stream a moment before it marks it cut off; a cut-off file is too large either way.
  if (!bytes || file.file.truncated) return { ok: false, status: 413, key: 'upload.tooLarge' };
  const isXlsx = /\.xlsx$/i.test(file.filename) || (bytes[0] === 0x50 && bytes[1] === 0x4b);
  return { ok: true, bytes, filename: file.filename, kind: isXlsx ? 'xlsx' : 'csv' };
}

/** The text fields of a post in either encoding (a multipart body's files are drained and ignored). */
export async function formFields(request: FastifyRequest): Promise<Record<string, string>> {
  if (!request.isMultipart()) {
    const body = request.body as Record<string, unknown> | undefined;
    return Object.fromEntries(Object.entries(body ?? {}).filter((e): e is [string, string] => typeof e[1] === 'string'));
  }
  const fields: Record<string, string> = {};
  for await (const part of request.parts()) {
    if (part.type === 'field') {
      if (typeof part.value === 'string') fields[part.fieldname] = part.value;
    } else await part.toBuffer().catch(() => undefined);
  }
  return fields;
}

/** A session form's date and clock times (China time) as instants; a polite error when they do not read. */
export function sessionTimes(form: Record<string, string>): { startsAt: Date; endsAt: Date } {
  const startsAt = chinaTimeFromInputs(form.date, form.start);
  const endsAt = chinaTimeFromInputs(form.date, form.end);
  if (!startsAt || !endsAt) throw new UserError('console.badSessionForm');
  return { startsAt, endsAt };
}
