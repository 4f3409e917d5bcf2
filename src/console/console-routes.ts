import { readFile } from 'node:fs/promises';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { audit, type App } from '../app/app.ts';
import { importRoster } from '../features/roster/roster-import.ts';
import { projectsForNewClasses } from '../features/roster/projects.ts';
import { cancelSession, createSession, rescheduleSession } from '../features/attendance/sessions.ts';
import { createAssignment } from '../features/assignments/assignments.ts';
import { grantRole } from '../features/access/roles.ts';
import { normalizePhone } from '../core/privacy.ts';
import { UserError } from '../core/errors.ts';
import { canManageClass, isAdmin } from '../core/permissions.ts';
import { rosterParser } from '../core/roster/parse-off-thread.ts';
import type { RosterParseResult } from '../core/roster/parse-roster-csv.ts';
import { MAX_ROSTER_COLUMNS, MAX_ROSTER_ROWS } from '../core/roster/roster-limits.ts';
import { chinaTimeFromInputs, formatChinaClock } from '../core/time/parse-time-phrase.ts';
import { classScope } from '../app/actor.ts';
import { isMessageKey } from '../bot/messages.ts';
import type { MessageKey } from '../i18n/index.ts';
import { openEventStream } from '../http/event-stream.ts';
import { MAX_UPLOAD_BYTES, type WebPlugin } from '../http/web-server.ts';
import { accountFor, auditActorOf, csrfMatches, endSession, type ConsoleAccount } from '../features/access/console-accounts.ts';
import { classBoard } from './class-board.ts';
import { attendanceRoll, correctionFromForm, rollSection } from './attendance-roll.ts';
import { routeId, sameSite } from './guards.ts';
import { html, sendPage } from './html.ts';
import { consoleScripts } from './scripts.ts';
import { screenRoutes } from './screen.ts';
import { loginPage, SESSION_COOKIE as COOKIE, signInRoutes } from './sign-in.ts';
import { verifyRoutes } from './verify.ts';
import { importedDifferences } from './roster-differences-view.ts';
import { previewStore } from './roster-previews.ts';
import { classPage, overviewPage } from './class-page.ts';
import { sendExport } from './export-download.ts';
import { certificateZipRoute, completionSection } from './class-completion.ts';
import { errorList, rosterForm, rosterPreview } from './roster-pages.ts';
import { classAccess, visibleClasses, type ClassAccess } from './scope.ts';
import { removeClassRobot, robotSection, setClassRobot } from './robot-section.ts';
import { timetablePanel, timetableRoutes } from './timetable-routes.ts';
import { formFields, readUpload, sessionTimes } from './uploads.ts';
import { correctionRoutes, correctionsLink } from './corrections-page.ts';

// The web console for tutors, school and county contacts and admins: sign-in, their classes, a live
// check-in board, charts, session creation, roster import with a preview, and exports. Every route
// under /console except the sign-in pages needs a session (401 otherwise); every POST needs the
// session's CSRF token (a form field, or the X-CSRF-Token header; multipart posts too) and, when the
// browser says where it comes from, this site as its origin.

// Multipart routes that read the token from their first form field themselves, before the file.
const CSRF_IN_MULTIPART_FIELD = new Set(['/console/roster/preview', '/console/classes/:id/timetable/preview']);

declare module 'fastify' {
  interface FastifyRequest {
    account?: ConsoleAccount;
  }
}

/** Options for tests: how often an open live board re-checks its session (5 s by default). */
export interface ConsoleOptions {
  wechatQrFile?: string;
  streamRecheckMs?: number;
}

export function consoleRoutes(app: App, options: ConsoleOptions = {}): WebPlugin {
  const previews = previewStore(app.db, 'roster');
  const parser = rosterParser();
  const limits = app.t('upload.limits', { rows: MAX_ROSTER_ROWS, columns: MAX_ROSTER_COLUMNS, mb: MAX_UPLOAD_BYTES / 1024 / 1024 });
  // The live boards of each session, closed when it signs out.
  const liveBoards = new Map<number, Set<AbortController>>();
  // A refusal's parameters, kept for the page the change redirects to: the address carries only the key.
  const refusals = new Map<number, { key: MessageKey; params: Record<string, string | number> | undefined }>();

  /** The account of the request, or a 401 page; a POST also needs this site's origin and the CSRF token. */
  const requireAccount = async (request: FastifyRequest, reply: FastifyReply) => {
    const account = await accountFor(app, request.cookies[COOKIE]);
    if (!account) return sendPage(reply, '请登录', loginPage('请先登录。'), undefined, 401);
    if (request.method === 'POST') {
      if (!sameSite(request.headers.origin, request.headers.host)) return reply.status(403).type('text/plain; charset=utf-8').send('跨站请求已拒绝。');
      const body = request.body as Record<string, unknown> | undefined;
      const token = csrfMatches(account, request.headers['x-csrf-token']) || (!request.isMultipart() && csrfMatches(account, body?._csrf));
      // A multipart body is not read yet: only a route that checks its own first field may do without the header.
      if (!token && !(request.isMultipart() && CSRF_IN_MULTIPART_FIELD.has(request.routeOptions.url ?? ''))) {
        return reply.status(403).type('text/plain; charset=utf-8').send('页面已过期，请刷新后重试。');
      }
    }
    void reply.header('cache-control', 'no-store');
    request.account = account;
  };

  /** The class of the route for this account, or a 404 (a class you may not see does not exist for you). */
  const classFor = async (request: FastifyRequest, reply: FastifyReply): Promise<{ id: number; access: ClassAccess } | null> => {
    const id = routeId((request.params as { id: string }).id);
    const access = id === null ? null : await classAccess(app, request.account!, id);
    if (id === null || !access) {
      await sendPage(reply, '找不到班级', html`<h1>找不到这个班级</h1><p>它不存在，或不在您的管理范围内。</p>`, request.account, 404);
      return null;
    }
    return { id, access };
  };

  return async (server: FastifyInstance) => {
    server.addHook('onClose', () => parser.close());
    server.get('/', async (_request, reply) => reply.redirect('/console', 302));

    signInRoutes(app, { secureCookies: app.config.console.url.startsWith('https://') })(server);
    verifyRoutes(app)(server);
    consoleScripts(server);

    server.register(async (secured) => {
      secured.addHook('preHandler', requireAccount);

      secured.post('/console/logout', async (request, reply) => {
        await endSession(app, request.cookies[COOKIE]);
        for (const board of liveBoards.get(request.account!.sessionId) ?? []) board.abort();
        void reply.clearCookie(COOKIE, { path: '/' });
        return reply.redirect('/console/login', 303);
      });

      secured.get('/console', async (request, reply) => {
        const account = request.account!;
        const classes = await visibleClasses(app, account);
        const projects = await manageableProjects(account);
        const body = html`<h1>我的班级</h1>
          ${classes.length === 0 ? html`<p class="card">您还没有可以查看的班级。</p>` : ''}
          <div class="grid">${classes.map((c) => html`<a class="card" href="/console/classes/${c.id}" style="text-decoration:none;color:inherit"><strong>${c.name}</strong><br><span class="muted">${c.project.name}</span></a>`)}</div>
          ${projects.length
            ? html`<form class="card" method="post" action="/console/classes"><strong>新建班级</strong>
                <input type="hidden" name="_csrf" value="${account.csrfToken}">
                <label for="c-project">项目</label><select id="c-project" name="project">${projects.map((p) => html`<option value="${p.id}">${p.name}</option>`)}</select>
                <label for="c-name">班级名称</label><input id="c-name" name="name" maxlength="80" required>
                <button>创建班级</button></form>`
            : ''}
          ${options.wechatQrFile && isAdmin(account.grants) ? html`<p><a href="/console/wechat">微信登录状态</a></p>` : ''}${await correctionsLink(app, account)}`;
        return sendPage(reply, '我的班级', body, account);
      });

      secured.get('/console/classes/:id', async (request, reply) => {
        const target = await classFor(request, reply);
        if (!target) return;
        const board = await classBoard(app, target.id, target.access);
        const query = request.query as { error?: unknown; session?: unknown; cancelled?: unknown };
        const account = request.account!;
        const roll = await attendanceRoll(app, target.id, target.access, routeId(query.session));
        const rollMarkup = roll ? rollSection(target.id, roll, target.access, account) : undefined;
        const manage = target.access.kind === 'manage';
        const timetable = manage ? await timetablePanel(app, target.id, account, limits) : undefined;
        const robots = manage ? await robotSection(app, target.id, account) : '';
        const notice = query.error === undefined ? await cancelledNotice(target.id, routeId(query.cancelled)) : undefined;
        const completion = await completionSection(app, target.id, board.enrolled, target.access, account);
        return sendPage(reply, board.name, html`${classPage(board, target.access, account, refusalText(account, query.error), { roll: rollMarkup, timetable, notice, completion })}${robots}`, account);
      });

      screenRoutes(app, classFor)(secured);
      certificateZipRoute(app, secured, classFor);

      secured.get('/console/classes/:id/live', async (request, reply) => {
        const target = await classFor(request, reply);
        if (!target) return;
        const schools = target.access.kind === 'school' ? new Set(target.access.schoolIds) : null;
        const account = request.account!;
        const token = request.cookies[COOKIE];
        const closer = new AbortController();
        const boards = liveBoards.get(account.sessionId) ?? new Set<AbortController>();
        liveBoards.set(account.sessionId, boards.add(closer));
        let off = () => {};
        const stop = () => {
          off();
          boards.delete(closer);
          if (boards.size === 0 && liveBoards.get(account.sessionId) === boards) liveBoards.delete(account.sessionId);
        };
        const send = openEventStream(request, reply, () => stop(), {
          key: `session:${account.sessionId}`,
          signal: closer.signal,
          alive: async () => (await accountFor(app, token))?.sessionId === account.sessionId,
          recheckMs: options.streamRecheckMs,
        });
        off = app.events.on('checkin', (event) => {
          if (event.classId !== target.id) return;
          void (async () => {
            const person = await app.db.person.findUnique({ where: { id: event.personId }, select: { schoolId: true, school: { select: { name: true } } } });
            if (schools && !schools.has(person?.schoolId ?? -1)) return;
            send('checkin', { sessionId: event.sessionId, personId: event.personId, name: event.name, school: person?.school?.name ?? '—', status: event.status, time: formatChinaClock(event.at) });
          })().catch(() => undefined);
        });
      });

      /** Runs a change from a class page and comes back to it; a refusal (UserError) is shown there. */
      const change = async (request: FastifyRequest, reply: FastifyReply, who: 'manage' | 'county', work: (classId: number, account: ConsoleAccount) => Promise<unknown>, query = '') => {
        const target = await classFor(request, reply);
        if (!target) return;
        const account = request.account!;
        const county = isAdmin(account.grants) || account.grants.some((g) => g.role === 'COUNTY_CONTACT');
        if (target.access.kind !== 'manage' || (who === 'county' && !county)) return reply.status(403).type('text/plain; charset=utf-8').send('您不能在这个班级做这项操作。');
        try {
          await work(target.id, account);
          return reply.redirect(`/console/classes/${target.id}${query ? `?${query}` : ''}`, 303);
        } catch (error) {
          if (!(error instanceof UserError)) throw error;
          refusals.set(account.sessionId, { key: error.key, params: error.params });
          return reply.redirect(`/console/classes/${target.id}?error=${encodeURIComponent(error.key)}${query ? `&${query}` : ''}`, 303);
        }
      };

      secured.post('/console/classes/:id/sessions', async (request, reply) =>
        change(request, reply, 'manage', async (classId, account) => {
          const form = (request.body ?? {}) as Record<string, string>;
          const { startsAt, endsAt } = sessionTimes(form);
          const code = (form.code ?? '').trim();
          if (code && !/^[A-Za-z0-9]{1,12}$/.test(code)) throw new UserError('checkin.badCode');
          await createSession(app, auditActorOf(account), { classId, title: (form.title ?? '').trim().slice(0, 60) || undefined, startsAt, endsAt, hours: Number(form.hours ?? 0), code: code || undefined });
        }),
      );

      secured.post('/console/classes/:id/sessions/:sessionId/move', async (request, reply) =>
        change(request, reply, 'manage', async (classId, account) => {
          const sessionId = routeId((request.params as { sessionId: string }).sessionId);
          const session = sessionId === null ? null : await app.db.trainingSession.findFirst({ where: { id: sessionId, classId } });
          if (!session) throw new UserError('console.noSuchSession');
          const { startsAt, endsAt } = sessionTimes((request.body ?? {}) as Record<string, string>);
          await rescheduleSession(app, session.id, auditActorOf(account), startsAt, endsAt);
        }),
      );

      secured.post('/console/classes/:id/assignments', async (request, reply) =>
        change(request, reply, 'manage', async (classId, account) => {
          const form = (request.body ?? {}) as Record<string, string>;
          if (account.personId === null) throw new UserError('console.needsPerson');
          const dueAt = chinaTimeFromInputs(form.date, form.time);
          const title = (form.title ?? '').trim().slice(0, 60);
          if (!dueAt || !title) throw new UserError('console.badAssignmentForm');
          await createAssignment(app, { personId: account.personId, audit: auditActorOf(account) }, classId, {
            title,
            description: (form.description ?? '').trim().slice(0, 500),
            dueAt,
            hours: Math.max(0, Math.min(24, Number(form.hours ?? 0) || 0)),
            kind: 'ANY',
            closeAtDue: form.closeAtDue === 'on',
          });
        }),
      );

      secured.post('/console/classes/:id/robots', async (request, reply) => change(request, reply, 'county', (classId, account) => setClassRobot(app, classId, account, request.body)));
      secured.post('/console/classes/:id/robots/:robotId/remove', async (request, reply) =>
        change(request, reply, 'county', (classId, account) => removeClassRobot(app, classId, account, (request.params as { robotId: string }).robotId)),
      );

      secured.post('/console/classes/:id/sessions/:sessionId/cancel', async (request, reply) => {
        const sessionId = routeId((request.params as { sessionId: string }).sessionId);
        return change(request, reply, 'manage', async (classId, account) => {
          const session = sessionId === null ? null : await app.db.trainingSession.findFirst({ where: { id: sessionId, classId } });
          if (!session) throw new UserError('console.noSuchSession');
          // The group is told at once, so every encoding of the form must carry a reason and the confirm button's value.
          const form = await formFields(request);
          const reason = String(form.reason ?? '').trim().slice(0, 100);
          if (!reason) throw new UserError('console.cancelNeedsReason');
          if (form.confirm !== 'yes') throw new UserError('console.cancelNeedsConfirmation');
          if (!(await cancelSession(app, session.id, auditActorOf(account), reason))) throw new UserError('console.cancelNotScheduled');
        }, sessionId === null ? '' : `cancelled=${sessionId}`);
      });

      secured.post('/console/classes/:id/sessions/:sessionId/attendance', async (request, reply) => {
        const sessionId = routeId((request.params as { sessionId: string }).sessionId);
        return change(request, reply, 'manage', correctionFromForm(app, sessionId, request.body), `session=${sessionId ?? ''}`);
      });

      secured.post('/console/classes/:id/tutors', async (request, reply) =>
        change(request, reply, 'county', async (classId, account) => {
          const phone = normalizePhone(String((request.body as { phone?: string } | undefined)?.phone ?? ''));
          const person = phone ? await app.db.person.findUnique({ where: { phone } }) : null;
          if (!person) throw new UserError('console.noSuchPerson');
          await grantRole(app, { actor: auditActorOf(account), grants: account.grants }, person.id, 'TUTOR', { classId });
        }),
      );

      secured.post('/console/classes', async (request, reply) => {
        const account = request.account!;
        const form = (request.body ?? {}) as Record<string, string>;
        const projects = await manageableProjects(account);
        const project = projects.find((p) => p.id === Number(form.project));
        const name = (form.name ?? '').trim().slice(0, 80);
        if (!project || !name) return reply.status(400).type('text/plain; charset=utf-8').send('请选择您所在县区的项目并填写班级名称。');
        const exists = await app.db.trainingClass.findUnique({ where: { projectId_name: { projectId: project.id, name } } });
        if (exists) return reply.redirect(`/console/classes/${exists.id}`, 303);
        const cls = await app.db.trainingClass.create({ data: { name, projectId: project.id } });
        await audit(app.db, auditActorOf(account), 'class.create', 'TrainingClass', cls.id, { name, projectId: project.id, via: 'console' });
        return reply.redirect(`/console/classes/${cls.id}`, 303);
      });

      secured.get('/console/classes/:id/export', async (request, reply) => {
        const target = await classFor(request, reply);
        if (!target) return;
        const cls = await app.db.trainingClass.findUniqueOrThrow({ where: { id: target.id }, select: { name: true } });
        const scope = { classIds: [target.id], title: cls.name, ...(target.access.kind === 'school' ? { schoolId: target.access.schoolIds[0] } : {}) };
        return sendExport(app, reply, request.account!, scope, request.query as { format?: string; sheet?: string });
      });

      secured.get('/console/overview/export', async (request, reply) => {
        const account = request.account!;
        const classes = await visibleClasses(app, account);
        const countyWide = isAdmin(account.grants) || account.grants.some((g) => g.role === 'COUNTY_CONTACT');
        const school = countyWide ? undefined : account.grants.find((g) => g.role === 'SCHOOL_CONTACT' && g.schoolId !== null)?.schoolId ?? undefined;
        const scope = { classIds: classes.map((c) => c.id), title: countyWide ? '全县' : '本校', ...(school ? { schoolId: school } : {}) };
        return sendExport(app, reply, account, scope, request.query as { format?: string; sheet?: string });
      });

      secured.get('/console/overview', async (request, reply) => {
        const account = request.account!;
        const body = await overviewPage(app, account);
        return sendPage(reply, '全县概览', body, account);
      });

      secured.get('/console/roster', async (request, reply) => {
        parser.warm(); // while the user picks a file
        return sendPage(reply, '导入名单', rosterForm(request.account!, limits), request.account);
      });

      secured.post('/console/roster/preview', async (request, reply) => {
        const account = request.account!;
        const refused = (status: number, key: MessageKey, params?: Record<string, string | number>) => sendPage(reply, '导入名单', rosterForm(account, limits, app.t(key, params)), account, status);
        const upload = await readUpload(request, account);
        if (!upload.ok && upload.status === 400) return sendPage(reply, '导入名单', rosterForm(account, limits, '请选择一个 CSV 或 Excel 文件。'), account, 400);
        if (!upload.ok && upload.status === 403) return reply.status(403).type('text/plain; charset=utf-8').send('页面已过期，请刷新后重试。');
        if (!upload.ok) return refused(413, 'upload.tooLarge', { mb: MAX_UPLOAD_BYTES / 1024 / 1024 });
        let parsed: RosterParseResult;
        try {
          parsed = await parser.parse(upload.bytes, upload.kind);
        } catch (error) {
          if (!(error instanceof UserError)) throw error;
          return refused(error.key === 'upload.busy' ? 503 : 422, error.key, error.params);
        }
        const check = await importRoster(app, auditActorOf(account), parsed.rows, parsed.errors, { dryRun: true, mayImportInto: await importScope(account), importer: { grants: account.grants } });
        const token = check.ok ? await previews.add(account.sessionId, parsed) : null;
        return sendPage(reply, '名单预览', rosterPreview(app, account, upload.filename, parsed, check, token), account, check.ok ? 200 : 422);
      });

      secured.post('/console/roster/import', async (request, reply) => {
        const account = request.account!;
        const { upload: token = '', apply } = (request.body ?? {}) as { upload?: string; apply?: string | string[] };
        const upload = await previews.take(token, account.sessionId);
        if (!upload) return sendPage(reply, '导入名单', rosterForm(account, limits, '预览已过期，请重新上传文件。'), account, 410);
        const applyChanges = new Set([apply ?? []].flat().map(Number).filter(Number.isInteger));
        const result = await importRoster(app, auditActorOf(account), upload.rows, upload.errors, { mayImportInto: await importScope(account), importer: { grants: account.grants }, applyChanges });
        const body = result.ok
          ? html`<h1>导入完成</h1><div class="card ok"><p>${app.t('roster.imported', { persons: result.persons, schools: result.schoolsCreated })}</p>${importedDifferences(app, result)}</div><p><a href="/console">返回班级</a></p>`
          : html`<h1>没有导入</h1>${errorList(result.errors)}<p><a href="/console/roster">重新上传</a></p>`;
        return sendPage(reply, '导入结果', body, account, result.ok ? 200 : 422);
      });

      timetableRoutes(app, secured, { classFor, change, parser, limits });
      correctionRoutes(app, secured);

      if (options.wechatQrFile) {
        const qrFile = options.wechatQrFile;
        secured.get('/console/wechat', async (request, reply) => {
          if (!isAdmin(request.account!.grants)) return reply.status(403).type('text/plain; charset=utf-8').send('只有管理员可以查看。');
          const waiting = await readFile(qrFile).then(() => true, () => false);
          const body = waiting
            ? html`<h1>微信登录</h1><p>请用机器人的微信扫描二维码登录：</p><img src="/console/wechat/qr.png" alt="微信登录二维码" style="max-width:320px;width:100%">`
            : html`<h1>微信登录</h1><p>现在没有等待扫描的二维码（已登录，或未启用微信）。</p>`;
          return sendPage(reply, '微信登录', body, request.account);
        });
        secured.get('/console/wechat/qr.png', async (request, reply) => {
          if (!isAdmin(request.account!.grants)) return reply.status(403).send();
          const png = await readFile(qrFile).catch(() => null);
          return png ? reply.type('image/png').header('cache-control', 'no-store').send(png) : reply.status(404).send();
        });
      }
    });
  };

  /** The projects an account may add classes to (the same rule as 创建班级 in chat). */
  function manageableProjects(account: ConsoleAccount) {
    return projectsForNewClasses(app.db, account.grants);
  }

  /** The classes a roster may fill: the account's own (tutor) or their county's (contact); admins any. Asked once per class, not per row. */
  async function importScope(account: ConsoleAccount): Promise<(classId: number) => Promise<boolean>> {
    const answers = new Map<number, Promise<boolean>>();
    const may = async (classId: number) => isAdmin(account.grants) || canManageClass(account.grants, await classScope(app.db, classId));
    return (classId) => answers.get(classId) ?? answers.set(classId, may(classId)).get(classId)!;
  }

  /** What a cancel did, said after its redirect; only a session of this class that is really cancelled is named. */
  async function cancelledNotice(classId: number, sessionId: number | null): Promise<string | undefined> {
    const session = sessionId === null ? null : await app.db.trainingSession.findFirst({ where: { id: sessionId, classId, status: 'CANCELLED' } });
    return session ? app.t('console.sessionCancelled', { title: session.title }) : undefined;
  }

  /** A class page's `?error=` refusal: only a key of ours renders (with this session's parameters), so a crafted link cannot put its own words there. */
  function refusalText(account: ConsoleAccount, key: unknown): string | undefined {
    if (typeof key !== 'string' || !isMessageKey(key)) return undefined;
    const left = refusals.get(account.sessionId);
    if (left?.key === key) refusals.delete(account.sessionId);
    return app.t(key, left?.key === key ? left.params : undefined).replace(/\{\w+\}/g, '…');
  }
}
