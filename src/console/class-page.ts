import type { App } from '../app/app.ts';
import { figuresFor } from '../features/reports/statistics.ts';
import { barChart, histogram, lineChart } from '../core/charts/svg-charts.ts';
import { isAdmin } from '../core/permissions.ts';
import { formatChinaClock, formatChinaDate, formatChinaIsoDate } from '../core/time/parse-time-phrase.ts';
import type { ConsoleAccount } from '../features/access/console-accounts.ts';
import type { ClassBoard } from './class-board.ts';
import { html, raw, type Markup } from './html.ts';
import { visibleClasses, visibleSchools, type ClassAccess } from './scope.ts';

const percent = (part: number, whole: number) => (whole > 0 ? part / whole : 0);
const PLATFORM_NAMES: Record<string, string> = { wechat: '微信', telegram: 'Telegram', playground: '演示' };

/** A class's page: today's live check-ins, charts, sessions, assignments, groups, confirmations and exports. */
/** `parts`: the not-checked-in roll (under today's check-ins) and the timetable panel, for those who manage the class. */
/** `notice`: what the last change did, said once after its redirect; `completion`: the 结业 column and the certificates' zip. */
export function classPage(board: ClassBoard, access: ClassAccess, account: ConsoleAccount, error?: string, parts: { roll?: Markup; timetable?: Markup; notice?: string; completion?: Markup } = {}): Markup {
  const { roll, timetable, notice, completion } = parts;
  const today = board.today;
  const enrolled = board.enrolled.length;
  const trend = lineChart({
    title: '各课次到课率',
    asPercent: true,
    points: board.sessions.filter((s) => s.status === 'CLOSED' || s.attended > 0).map((s) => ({ label: `${formatChinaDate(s.startsAt)} ${formatChinaClock(s.startsAt)}`, value: percent(s.attended, s.expected) })),
  });
  const bySchool = barChart({ title: '各校到训率', asPercent: true, bars: board.attendanceBySchool.map((r) => ({ label: r.school, value: percent(r.attended, r.expected), note: `${r.attended}/${r.expected}` })) });
  const confirmations = barChart({ title: '开班通知确认率', asPercent: true, bars: board.confirmationsBySchool.map((r) => ({ label: r.school, value: percent(r.confirmed, r.recipients), note: `${r.confirmed}/${r.recipients}` })) });
  const submissions = barChart({ title: '作业提交率', asPercent: true, bars: board.assignments.map((a) => ({ label: a.title, value: percent(a.submitted, a.enrolled), note: `${a.submitted}/${a.enrolled}` })) });
  return html`<h1>${board.name}</h1><p class="muted">${board.project} · ${enrolled} 位学员${access.kind === 'school' ? '（仅本校）' : ''}</p>
    ${error ? html`<p class="error card">${error}</p>` : ''}
    ${notice ? html`<p class="card" id="notice" role="status">${notice}</p>` : ''}
    <h2>今日签到</h2>
    ${today.length === 0 ? html`<p class="card muted">今天没有课次。</p>` : ''}
    ${today.map(
      (s) => html`<div class="card" data-session="${s.id}"><strong>${s.title}</strong> <span class="muted">${formatChinaClock(s.startsAt)}–${formatChinaClock(s.endsAt)}</span>
        ${access.kind === 'manage' ? html` <a href="/console/classes/${board.id}/sessions/${s.id}/screen" target="_blank">签到大屏</a>` : ''}
        <p>已签到 <strong class="count">${s.checkIns.length}</strong> / <span class="expected">${s.expected}</span></p>
        <table><thead><tr><th>姓名</th><th>学校</th><th>状态</th><th>时间</th></tr></thead><tbody class="checkins">
        ${s.checkIns.map((c) => html`<tr data-person="${c.personId}"><td>${c.name}</td><td>${c.school}</td><td>${c.status === 'LATE' ? '迟到' : '已签到'}</td><td>${c.at ? formatChinaClock(c.at) : ''}</td></tr>`)}
        </tbody></table></div>`,
    )}
    <script src="/console/assets/live.js" data-class="${board.id}"></script>
    ${roll ?? ''}
    <h2>图表</h2>
    <div class="grid charts"><div class="card chart">${raw(trend)}</div><div class="card chart">${raw(bySchool)}</div><div class="card chart">${raw(confirmations)}</div><div class="card chart">${raw(submissions)}</div></div>
    <h2>课次</h2>
    <div class="card"><table><thead><tr><th>课次</th><th>时间</th><th>学时</th><th>签到</th><th>状态</th></tr></thead><tbody>
    ${board.sessions.map(
      (s) => html`<tr><td>${s.title}</td><td>${formatChinaDate(s.startsAt)} ${formatChinaClock(s.startsAt)}–${formatChinaClock(s.endsAt)}</td><td>${s.hours}</td><td>${s.attended}/${s.expected}</td>
        <td>${s.status === 'CLOSED' ? '已结束' : access.kind === 'manage'
          ? html`<details class="cancel"><summary>取消</summary><form method="post" action="/console/classes/${board.id}/sessions/${s.id}/cancel"><input type="hidden" name="_csrf" value="${account.csrfToken}">
              <label for="cancel-${s.id}">取消原因（会发到班级群）</label><input id="cancel-${s.id}" name="reason" maxlength="100" required placeholder="如：专家临时有事，另行通知">
              <button class="secondary" name="confirm" value="yes">确认取消并通知班级群</button></form></details>
            <details><summary>改时间</summary><form method="post" action="/console/classes/${board.id}/sessions/${s.id}/move"><input type="hidden" name="_csrf" value="${account.csrfToken}">
              <input name="date" type="date" value="${formatChinaIsoDate(s.startsAt)}" required aria-label="日期"><input name="start" type="time" value="${formatChinaClock(s.startsAt)}" required aria-label="开始">
              <input name="end" type="time" value="${formatChinaClock(s.endsAt)}" required aria-label="结束"><button>保存</button></form></details>`
          : '未结束'}</td></tr>`,
    )}
    </tbody></table></div>
    ${access.kind === 'manage'
      ? html`<form class="card" method="post" action="/console/classes/${board.id}/sessions"><strong>新建课次</strong>
        <input type="hidden" name="_csrf" value="${account.csrfToken}">
        <label for="s-title">名称</label><input id="s-title" name="title" placeholder="如：新课标解读">
        <label for="s-date">日期</label><input id="s-date" name="date" type="date" required>
        <label for="s-start">开始</label><input id="s-start" name="start" type="time" required>
        <label for="s-end">结束</label><input id="s-end" name="end" type="time" required>
        <label for="s-hours">学时</label><input id="s-hours" name="hours" type="number" min="0" max="24" step="0.5" value="3" required>
        <label for="s-code">签到口令（可选，防止不在场的人签到）</label><input id="s-code" name="code" maxlength="12" pattern="[A-Za-z0-9]{1,12}" autocomplete="off">
        <button>创建课次</button></form>`
      : ''}
    ${timetable ?? ''}
    <h2>作业</h2>
    <div class="card"><table><thead><tr><th>作业</th><th>截止</th><th>已交</th><th>已通过</th></tr></thead><tbody>
    ${board.assignments.map(
      (a) => html`<tr><td>${a.title}${a.missing.length ? html`<details><summary class="muted">未交 ${a.missing.length} 人</summary>${a.missing.join('、')}</details>` : ''}</td>
        <td>${formatChinaDate(a.dueAt)} ${formatChinaClock(a.dueAt)}</td><td>${a.submitted}/${a.enrolled}</td><td>${a.accepted}</td></tr>`,
    )}
    </tbody></table></div>
    ${access.kind === 'manage' && account.personId !== null
      ? html`<form class="card" method="post" action="/console/classes/${board.id}/assignments"><strong>布置作业</strong>
        <input type="hidden" name="_csrf" value="${account.csrfToken}">
        <label for="a-title">作业名称</label><input id="a-title" name="title" maxlength="60" required>
        <label for="a-description">要求</label><textarea id="a-description" name="description" maxlength="500" rows="3"></textarea>
        <label for="a-date">截止日期</label><input id="a-date" name="date" type="date" required>
        <label for="a-time">截止时间</label><input id="a-time" name="time" type="time" value="18:00" required>
        <label for="a-hours">学时</label><input id="a-hours" name="hours" type="number" min="0" max="24" step="0.5" value="1">
        <label><input type="checkbox" name="closeAtDue" style="width:auto"> 截止后不再接收</label>
        <button>布置作业</button></form>`
      : ''}
    ${completion ?? ''}
    <h2>班级群与辅导老师</h2>
    <div class="card"><p>辅导老师：${board.tutors.join('、') || '（未指定）'}</p>
      <p>已绑定的群：${board.groups.map((g) => `${g.title}（${PLATFORM_NAMES[g.platform] ?? g.platform}）`).join('、') || '（还没有，在群里发「绑定班级 ' + board.name + '」）'}</p>
      ${access.kind === 'manage' && (isAdmin(account.grants) || account.grants.some((g) => g.role === 'COUNTY_CONTACT'))
        ? html`<form method="post" action="/console/classes/${board.id}/tutors"><input type="hidden" name="_csrf" value="${account.csrfToken}">
            <label for="t-phone">指定辅导老师（手机号）</label><input id="t-phone" name="phone" inputmode="numeric" required><button>指定</button></form>`
        : ''}</div>
    <h2>开班通知确认（按学校）</h2>
    <div class="card"><table><thead><tr><th>学校</th><th>已确认</th></tr></thead><tbody>
    ${board.confirmationsBySchool.map((r) => html`<tr><td>${r.school}</td><td>${r.confirmed}/${r.recipients}</td></tr>`)}
    </tbody></table></div>
    <h2>导出</h2>
    <p class="card"><a class="button" id="export-xlsx" href="/console/classes/${board.id}/export?format=xlsx">下载 Excel（学时登记、出勤、作业、学时汇总）</a>
    ${['学时登记', '出勤', '作业', '学时汇总'].map((name, i) => html` <a href="/console/classes/${board.id}/export?format=csv&sheet=${i}">${name}.csv</a>`)}</p>`;
}


/** The county (or school) overview: hours completion, its distribution and 到训率 by school. */
export async function overviewPage(app: App, account: ConsoleAccount): Promise<Markup> {
  const schools = await visibleSchools(app, account);
  const schoolIds = new Set(schools.map((s) => s.id));
  const names = new Map(schools.map((s) => [s.id, s.name]));
  const classes = await visibleClasses(app, account);
  const people = new Map<number, { schoolId: number | null; progress: number; done: boolean; attended: number; expected: number }>();
  for (const c of classes) {
    for (const f of await figuresFor(app, c.id)) {
      if (f.schoolId === null || !schoolIds.has(f.schoolId)) continue;
      const seen = people.get(f.personId);
      people.set(f.personId, { schoolId: f.schoolId, progress: f.hoursProgress, done: f.hoursDone, attended: (seen?.attended ?? 0) + f.attended, expected: (seen?.expected ?? 0) + f.expected });
    }
  }
  const bySchool = new Map<number, { people: number; done: number; attended: number; expected: number }>();
  const buckets = [0, 0, 0, 0, 0];
  for (const p of people.values()) {
    const row = bySchool.get(p.schoolId!) ?? { people: 0, done: 0, attended: 0, expected: 0 };
    row.people++;
    if (p.done) row.done++;
    row.attended += p.attended;
    row.expected += p.expected;
    bySchool.set(p.schoolId!, row);
    buckets[p.done ? 4 : Math.min(3, Math.floor(p.progress * 4))]!++;
  }
  const rows = [...bySchool].map(([id, r]) => ({ school: names.get(id) ?? '—', ...r }));
  return html`<h1>全县概览</h1><p class="muted">${rows.length} 所学校 · ${people.size} 位参训教师 · <a href="/console/overview/export?format=xlsx">下载 Excel</a></p>
    <div class="grid charts">
      <div class="card chart">${raw(barChart({ title: '各校学时达标率', asPercent: true, bars: rows.map((r) => ({ label: r.school, value: percent(r.done, r.people), note: `${r.done}/${r.people}` })) }))}</div>
      <div class="card chart">${raw(histogram({ title: '学时完成进度分布', unit: '人', buckets: ['0–25%', '25–50%', '50–75%', '75–100%', '已达标'].map((label, i) => ({ label, count: buckets[i]! })) }))}</div>
      <div class="card chart">${raw(barChart({ title: '各校到训率', asPercent: true, bars: rows.map((r) => ({ label: r.school, value: percent(r.attended, r.expected), note: `${r.attended}/${r.expected}` })) }))}</div>
    </div>`;
}
