import type { App } from '../app/app.ts';
import { listRobots, removeRobot, setRobot } from '../features/notices/robots.ts';
import { UserError } from '../core/errors.ts';
import { isAdmin } from '../core/permissions.ts';
import type { RobotKind } from '../core/robots/webhook-url.ts';
import { auditActorOf, type ConsoleAccount } from '../features/access/console-accounts.ts';
import { routeId } from './guards.ts';
import { html, type Markup } from './html.ts';

// The class page's group robots: the class's own and its schools', each with its last refusal —
// never the webhook or the secret, which are write-only here as in chat. County contacts and admins
// set or remove the class's robots; the schools' are set in chat (设置群机器人 学校名称 …).

const mayEdit = (account: ConsoleAccount) => isAdmin(account.grants) || account.grants.some((g) => g.role === 'COUNTY_CONTACT');
const managerOf = (account: ConsoleAccount) => ({ grants: account.grants, ...auditActorOf(account) });

/** A stored refusal (`sign:310000`) in words a county contact can act on. */
function refusalText(app: App, stored: string): string {
  const [reason, errcode] = stored.split(':');
  const key = reason === 'sign' ? 'robots.consoleReason.sign' : reason === 'credential' ? 'robots.consoleReason.credential' : 'robots.consoleReason.other';
  return app.t(key, { errcode: errcode ?? '' });
}

/** The section listing a class's robots, with the form to set one when the account may. */
export async function robotSection(app: App, classId: number, account: ConsoleAccount): Promise<Markup> {
  const robots = await listRobots(app, account, classId);
  const editable = mayEdit(account);
  return html`<h2>${app.t('robots.consoleTitle')}</h2>
    <div class="card" id="robots">${robots.length === 0 ? html`<p class="muted">${app.t('robots.consoleNone')}</p>` : ''}
    <ul>${robots.map(
      (r) => html`<li>${r.label}${r.lastError ? html` <span class="error">${app.t('robots.consoleLastError', { error: refusalText(app, r.lastError) })}</span>` : ''}
        ${editable && r.target.kind === 'class'
          ? html`<form method="post" action="/console/classes/${classId}/robots/${r.id}/remove" style="display:inline"><input type="hidden" name="_csrf" value="${account.csrfToken}"><button class="secondary" style="margin:0;padding:.1rem .5rem">删除</button></form>`
          : ''}</li>`,
    )}</ul>
    ${editable
      ? html`<form method="post" action="/console/classes/${classId}/robots" autocomplete="off"><strong>设置本班群机器人</strong>
        <input type="hidden" name="_csrf" value="${account.csrfToken}">
        <label for="r-kind">平台</label><select id="r-kind" name="kind"><option value="wecom">企业微信</option><option value="dingtalk">钉钉</option></select>
        <label for="r-webhook">Webhook 地址</label><input id="r-webhook" name="webhook" type="password" maxlength="600" required>
        <label for="r-secret">加签密钥（仅钉钉，SEC 开头）</label><input id="r-secret" name="secret" type="password" maxlength="200">
        <button>保存</button></form>`
      : ''}</div>`;
}

/** Sets the class's robot from the console form (a county contact or admin). */
export async function setClassRobot(app: App, classId: number, account: ConsoleAccount, body: unknown): Promise<void> {
  const form = (body ?? {}) as Record<string, string | undefined>;
  const kind: RobotKind | undefined = form.kind === 'wecom' || form.kind === 'dingtalk' ? form.kind : undefined;
  if (!kind) throw new UserError('robots.kindRequired');
  const cls = await app.db.trainingClass.findUniqueOrThrow({ where: { id: classId }, select: { name: true } });
  const secret = String(form.secret ?? '').trim() || undefined;
  await setRobot(app, managerOf(account), { kind: 'class', id: classId, name: cls.name }, kind, String(form.webhook ?? ''), secret);
}

/** Removes one of the class's own robots. */
export async function removeClassRobot(app: App, classId: number, account: ConsoleAccount, robotParam: unknown): Promise<void> {
  const robotId = routeId(robotParam);
  const robot = robotId === null ? null : await app.db.groupRobot.findFirst({ where: { id: robotId, classId } });
  if (!robot) throw new UserError('robots.noneRemoved', { target: '', kind: '' });
  const cls = await app.db.trainingClass.findUniqueOrThrow({ where: { id: classId }, select: { name: true } });
  await removeRobot(app, managerOf(account), { kind: 'class', id: classId, name: cls.name }, robot.kind as RobotKind);
}
