import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { App } from '../app/app.ts';
import { updateClassInfo } from '../features/timetable/class-info.ts';
import { classDays, createTimetable, sessionLine, timetableClashes } from '../features/timetable/timetable.ts';
import { UserError } from '../core/errors.ts';
import type { RosterParser } from '../core/roster/parse-off-thread.ts';
import { parseTimetableTable, type TimetableRow } from '../core/timetable/parse-timetable-table.ts';
import { MAX_UPLOAD_BYTES } from '../http/web-server.ts';
import { timetableCapProblem } from '../core/timetable/timetable-caps.ts';
import { MAX_TIMETABLE_DAYS, MAX_TIMETABLE_SESSIONS } from '../core/timetable/timetable-phrase.ts';
import { localDateOf } from '../core/timetable/timetable-phrase.ts';
import { auditActorOf, type ConsoleAccount } from '../features/access/console-accounts.ts';
import { html, sendPage, type Markup } from './html.ts';
import { previewStore } from './roster-previews.ts';
import type { ClassAccess } from './scope.ts';
import { readUpload } from './uploads.ts';

// A class's dates and venue from its page, and its timetable as a CSV or .xlsx upload: read by the
// roster reader (bounded, in a worker), every bad row listed with its line, nothing written until the
// whole file is clean and confirmed.

export interface TimetableRouteDeps {
  classFor(request: FastifyRequest, reply: FastifyReply): Promise<{ id: number; access: ClassAccess } | null>;
  change(request: FastifyRequest, reply: FastifyReply, who: 'manage', work: (classId: number, account: ConsoleAccount) => Promise<unknown>): Promise<unknown>;
  parser: RosterParser;
  limits: string;
}

interface TimetableUpload {
  classId: number;
  rows: TimetableRow[];
}

const COLUMNS = '日期、开始、结束（可选：课程、学时、主讲、地点；英文表头 date, start, end, title, hours, lecturer, place 也可以）';
const optionalNumber = (value: string | undefined) => (value?.trim() ? Number(value) : undefined);

/** The upload form for a class's timetable, with the limits and an optional refusal. */
export function timetableForm(classId: number, account: ConsoleAccount, limits: string, message?: string): Markup {
  return html`${message ? html`<p class="error">${message}</p>` : ''}
    <form class="card" id="timetable-form" method="post" action="/console/classes/${classId}/timetable/preview" enctype="multipart/form-data"><strong>导入课表</strong>
      <p class="muted">CSV 或 Excel（.xlsx），每行一个课次：${COLUMNS}。先预览，有一行出错就整份不导入。一次最多 ${MAX_TIMETABLE_SESSIONS} 个课次、${MAX_TIMETABLE_DAYS} 天。${limits}</p>
      <input type="hidden" name="_csrf" value="${account.csrfToken}">
      <label for="timetable-file">课表文件</label><input id="timetable-file" name="file" type="file" accept=".csv,.xlsx,text/csv" required>
      <button>上传并预览</button>
    </form>`;
}

function rowsTable(rows: TimetableRow[], errors: Map<number, string>): Markup {
  const lines = [...new Set([...rows.map((r) => r.line), ...errors.keys()])].sort((a, b) => a - b).slice(0, 300);
  return html`<div class="card"><table><thead><tr><th>行</th><th>课次</th><th>问题</th></tr></thead><tbody>
    ${lines.map((line) => {
      const row = rows.find((r) => r.line === line);
      return html`<tr class="${errors.has(line) ? 'bad' : ''}"><td>${line}</td><td>${row ? sessionLine(row) : ''}</td><td>${errors.get(line) ?? ''}</td></tr>`;
    })}
    </tbody></table></div>`;
}

export function timetableRoutes(app: App, secured: FastifyInstance, deps: TimetableRouteDeps): void {
  const previews = previewStore<TimetableUpload>(app.db, 'timetable');
  const back = (classId: number) => html`<p><a href="/console/classes/${classId}">返回班级</a></p>`;

  secured.post('/console/classes/:id/info', async (request, reply) =>
    deps.change(request, reply, 'manage', async (classId, account) => {
      const form = (request.body ?? {}) as Record<string, string>;
      const day = (value: string | undefined) => {
        const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value ?? '');
        return m ? { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) } : undefined;
      };
      const venue = (form.venue ?? '').trim().slice(0, 80);
      await updateClassInfo(app, auditActorOf(account), classId, {
        startsOn: day(form.startsOn),
        endsOn: day(form.endsOn),
        ...(venue ? { venue } : {}),
        latitude: optionalNumber(form.latitude),
        longitude: optionalNumber(form.longitude),
        radiusMeters: optionalNumber(form.radius),
      });
    }),
  );

  /** The class of a timetable route, managed by the account (else 404 or 403 and null). */
  const managed = async (request: FastifyRequest, reply: FastifyReply) => {
    const target = await deps.classFor(request, reply);
    if (!target) return null;
    if (target.access.kind !== 'manage') {
      await reply.status(403).type('text/plain; charset=utf-8').send('您不能在这个班级做这项操作。');
      return null;
    }
    return target.id;
  };

  secured.post('/console/classes/:id/timetable/preview', async (request, reply) => {
    const classId = await managed(request, reply);
    if (classId === null) return;
    const account = request.account!;
    const refused = (status: number, message: string) => sendPage(reply, '导入课表', html`<h1>导入课表</h1>${timetableForm(classId, account, deps.limits, message)}${back(classId)}`, account, status);
    const upload = await readUpload(request, account);
    if (!upload.ok && upload.status === 403) return reply.status(403).type('text/plain; charset=utf-8').send('页面已过期，请刷新后重试。');
    if (!upload.ok) return refused(upload.status, upload.key ? app.t(upload.key, { mb: MAX_UPLOAD_BYTES / 1024 / 1024 }) : '请选择一个 CSV 或 Excel 文件。');
    let table;
    try {
      table = await deps.parser.table(upload.bytes, upload.kind);
    } catch (error) {
      if (!(error instanceof UserError)) throw error;
      return refused(error.key === 'upload.busy' ? 503 : 422, app.t(error.key, error.params));
    }
    const days = await classDays(app.db, classId);
    let parsed = 'refused' in table ? { rows: [], errors: [table.refused] } : parseTimetableTable(table.records, app.clock.now(), days, (i) => table.lines[i] ?? i + 1);
    const overCap = timetableCapProblem(parsed.rows);
    if (overCap) parsed = { rows: [], errors: [{ line: 0, message: `${app.t(overCap.key, overCap.params)}（这份文件有 ${parsed.rows.length} 个课次）` }] };
    const errors = new Map(parsed.errors.map((e) => [e.line, e.message]));
    for (const [index, problem] of await timetableClashes(app, classId, parsed.rows)) errors.set(parsed.rows[index]!.line, `第 ${parsed.rows[index]!.line} 行：${problem}`);
    const ok = errors.size === 0 && parsed.rows.length > 0;
    const token = ok ? await previews.add(account.sessionId, { classId, rows: parsed.rows }) : null;
    const body = html`<h1>课表预览：${upload.filename}</h1>
      ${ok ? html`<p class="card ok">「${days.name}」共 ${parsed.rows.length} 个课次，全部可以导入。</p>` : html`<div class="card"><p class="error">有 ${errors.size} 处问题，整份课表都没有导入。改好后重新上传：</p><ul class="errors">${[...errors.values()].map((m) => html`<li>${m}</li>`)}</ul></div>`}
      ${rowsTable(parsed.rows, errors)}
      ${token
        ? html`<form id="confirm-timetable-form" method="post" action="/console/classes/${classId}/timetable/import"><input type="hidden" name="_csrf" value="${account.csrfToken}"><input type="hidden" name="upload" value="${token}"><button id="confirm-timetable">确认导入 ${parsed.rows.length} 个课次</button></form>`
        : timetableForm(classId, account, deps.limits)}
      ${back(classId)}`;
    return sendPage(reply, '课表预览', body, account, ok ? 200 : 422);
  });

  secured.post('/console/classes/:id/timetable/import', async (request, reply) => {
    const classId = await managed(request, reply);
    if (classId === null) return;
    const account = request.account!;
    const upload = await previews.take(String((request.body as { upload?: unknown } | undefined)?.upload ?? ''), account.sessionId);
    if (!upload || upload.classId !== classId) return sendPage(reply, '导入课表', html`<h1>导入课表</h1>${timetableForm(classId, account, deps.limits, '预览已过期，请重新上传文件。')}`, account, 410);
    const overCap = timetableCapProblem(upload.rows);
    if (overCap) return sendPage(reply, '导入结果', html`<h1>没有导入</h1><p class="error">${app.t(overCap.key, overCap.params)}</p>${back(classId)}`, account, 422);
    const problems = await timetableClashes(app, classId, upload.rows);
    const fail = (messages: string[]) =>
      sendPage(reply, '导入结果', html`<h1>没有导入</h1><div class="card"><ul class="errors">${messages.map((m) => html`<li>${m}</li>`)}</ul></div>${timetableForm(classId, account, deps.limits)}${back(classId)}`, account, 422);
    if (problems.size) return fail([...problems].map(([i, m]) => `第 ${upload.rows[i]!.line} 行：${m}`));
    try {
      const made = await createTimetable(app, auditActorOf(account), classId, upload.rows);
      return sendPage(reply, '导入结果', html`<h1>导入完成</h1><p class="card ok">已创建 ${made.length} 个课次（${sessionLine(made[0]!)} 至 ${sessionLine(made.at(-1)!)}）。</p>${back(classId)}`, account);
    } catch (error) {
      if (!(error instanceof UserError)) throw error;
      return fail([app.t(error.key, error.params)]);
    }
  });
}

/** The part of a class page a manager uses for the class's dates, venue and timetable upload. */
export async function timetablePanel(app: App, classId: number, account: ConsoleAccount, limits: string): Promise<Markup> {
  const cls = await app.db.trainingClass.findUniqueOrThrow({ where: { id: classId } });
  return html`<h2>培训日期、地点与课表</h2>${classInfoForm(cls, account)}${timetableForm(classId, account, limits)}`;
}

/** The class-information form on a class page (dates, venue, check-in circle). */
function classInfoForm(cls: { id: number; startsOn: Date | null; endsOn: Date | null; venue: string | null; venueLatitude: number | null; venueLongitude: number | null; venueRadiusMeters: number | null }, account: ConsoleAccount): Markup {
  const iso = (d: Date | null) => {
    if (!d) return '';
    const l = localDateOf(d);
    return `${l.year}-${String(l.month).padStart(2, '0')}-${String(l.day).padStart(2, '0')}`;
  };
  return html`<form class="card" id="class-info-form" method="post" action="/console/classes/${cls.id}/info"><strong>培训日期与地点</strong>
    <input type="hidden" name="_csrf" value="${account.csrfToken}">
    <label for="ci-start">开始日期</label><input id="ci-start" name="startsOn" type="date" value="${iso(cls.startsOn)}">
    <label for="ci-end">结束日期</label><input id="ci-end" name="endsOn" type="date" value="${iso(cls.endsOn)}">
    <label for="ci-venue">地点</label><input id="ci-venue" name="venue" maxlength="80" value="${cls.venue ?? ''}">
    <label for="ci-lat">纬度</label><input id="ci-lat" name="latitude" inputmode="decimal" value="${cls.venueLatitude ?? ''}">
    <label for="ci-lon">经度</label><input id="ci-lon" name="longitude" inputmode="decimal" value="${cls.venueLongitude ?? ''}">
    <label for="ci-radius">签到半径（米）</label><input id="ci-radius" name="radius" type="number" min="10" max="5000" value="${cls.venueRadiusMeters ?? ''}">
    <button>保存</button></form>`;
}
