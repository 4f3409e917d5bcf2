import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Command } from '../../src/app/command.ts';
import { commands } from '../../src/bot/registry.ts';
import { SANDBOX_COMMANDS } from '../../src/features/access/sandbox-commands.ts';
import { prepareDemoRoom } from '../../src/console/demo-class.ts';
import { roomGroupId, roomPersonaId } from '../../src/console/demo-rooms.ts';
import { hasAudience, type Grant } from '../../src/core/permissions.ts';
import { exampleSetup, TestChat } from '../support/chat.ts';
import { openTestDatabase, type TestDatabase } from '../support/databases.ts';

// Every command × every role, in the group of class A (小学数学1班): a stranger, a trainee of A, the
// tutor of A (in scope), the tutor of class B (out of scope), the contact of a school with trainees in
// A (in scope) and of a school without any (out of scope), the county contact and the contact of
// another county (out of scope). A refused cell answers politely and changes nothing; an allowed cell
// is never answered "no permission".
// The public demo's personas (its tutor and a trainee, each also holding a place in class A as if
// by accident) are refused every command in A's group, and in their own demo room every command
// outside the demo's allowlist.

const SAMPLES: Record<Command['id'], string> = {
  checkin: '签到',
  leave: '请假 家中有事',
  hours: '学时',
  bind: '帮忙绑定',
  help: '帮助',
  createSession: '创建课次 明天 8:30-11:30 学时3',
  closeSession: '结束签到',
  approveLeave: '准假 李四',
  rejectLeave: '驳回请假 李四 请按时参加',
  bindGroup: '绑定班级 小学数学1班',
  createClass: '创建班级 矩阵测试班',
  grantRole: '授权 李四 辅导老师',
  attendance: '签到情况',
  cancelSession: '取消课次 专家有事',
  broadcast: '通知 明天上课带好教材',
  confirm: '确认发送',
  cancelDraft: '取消',
  openingNotice: '开班通知 小学数学1班 12月1日报到',
  ackNotice: '收到',
  noticeTally: '确认情况',
  substitution: '换人 李四 周九 13800007777 生病住院',
  approveSubstitution: '同意换人 李四',
  rejectSubstitution: '驳回换人 李四 不同意',
  bindSchoolGroup: '绑定学校',
  rosterCheck: '核对名单',
  changeSession: '修改课次 明天 9:00-12:00',
  deliveries: '送达情况',
  resend: '补发',
  createAssignment: '布置作业 矩阵作业 11月30日 18:00',
  submitAssignment: '交作业 我的作业内容',
  myAssignments: '作业',
  assignmentBoard: '作业情况',
  acceptSubmission: '作业通过 李四',
  returnSubmission: '退回作业 李四 请补充',
  statistics: '统计',
  export: '导出',
  startSurvey: '发起评价',
  answerSurvey: '评价 5 5 5 5',
  surveyResults: '评价结果',
  accreditHours: '认定学时',
  rejectHours: '不予认定 李四 缺课',
  recordHours: '登记学时 李四 2 学校研修',
  writeLog: '日志 今天学习了核心素养的内容，准备在分数单元里设计探究活动。',
  logRequirement: '日志要求 每周2篇',
  consoleLogin: '登录',
  rotatingCode: '开启动态口令 60秒',
  rotatingCodeOff: '关闭动态口令',
  setRobot: '设置群机器人 城关小学 企业微信 https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=matrix-key-0001',
  correctAttendance: '李四 改为请假 备注 矩阵测试',
  requestMakeup: '补签 原因：手机没电',
  timetable: '课表',
  setTimetable: '课表 12月7日-12月8日 每天 8:30-11:30 学时3',
  classInfo: '班级信息',
  setClassInfo: '设置班级 12月1日-12月10日 地点 县教师发展中心',
  myCompletion: '我能结业吗',
  completionStatus: '结业情况',
  hoursCertificate: '证明',
  completionCertificate: '结业证书',
  revokeCertificate: '撤销证书 YX-0000-0000-0000-0000 测试',
  endClass: '结业',
  registrationExport: '导出登记表',
};

/** Commands that act on the group's class: a tutor of another class is out of scope. */
const CLASS_SCOPED = new Set<Command['id']>([
  'createSession', 'closeSession', 'approveLeave', 'rejectLeave', 'bindGroup', 'attendance', 'cancelSession', 'broadcast', 'openingNotice', 'noticeTally',
  'rosterCheck', 'changeSession', 'createAssignment', 'assignmentBoard', 'acceptSubmission', 'returnSubmission', 'statistics', 'export', 'startSurvey',
  'surveyResults', 'accreditHours', 'rejectHours', 'recordHours', 'logRequirement', 'rotatingCode', 'rotatingCodeOff', 'correctAttendance', 'setTimetable', 'setClassInfo',
  'completionStatus', 'endClass', 'registrationExport',
]);

/** Commands about a named trainee: a school contact may act only on their own school's teachers. */
const PERSON_SCOPED = new Set<Command['id']>(['substitution', 'approveSubstitution', 'rejectSubstitution', 'grantRole']);

interface Role {
  label: string;
  id: string;
  name: string;
  bound: boolean;
  grants: Grant[];
  inScope: boolean;
}

const ROLES: Role[] = [
  { label: 'stranger', id: 'u-stranger', name: '路人', bound: false, grants: [], inScope: false },
  { label: 'trainee', id: 'u-zhang3', name: '张三', bound: true, grants: [], inScope: true },
  { label: 'tutor of this class', id: 'tutor-li', name: '李老师', bound: true, grants: [{ role: 'TUTOR', classId: 1, regionId: null, schoolId: null }], inScope: true },
  { label: 'tutor of another class', id: 'tutor-zhao', name: '赵老师', bound: true, grants: [{ role: 'TUTOR', classId: 2, regionId: null, schoolId: null }], inScope: false },
  { label: 'county contact', id: 'contact-wang', name: '王主任', bound: true, grants: [{ role: 'COUNTY_CONTACT', classId: null, regionId: 1, schoolId: null }], inScope: true },
  { label: "contact of a trainee's school", id: 'contact-cg', name: '陈校长', bound: true, grants: [{ role: 'SCHOOL_CONTACT', classId: null, regionId: null, schoolId: 1 }], inScope: true },
  { label: 'contact of a school with no trainee here', id: 'contact-wg', name: '吴校长', bound: true, grants: [{ role: 'SCHOOL_CONTACT', classId: null, regionId: null, schoolId: 4 }], inScope: false },
  { label: 'contact of another county', id: 'contact-sun', name: '孙主任', bound: true, grants: [{ role: 'COUNTY_CONTACT', classId: null, regionId: 99, schoolId: null }], inScope: false },
];

/** Polite answers that mean "not yours to do" for a command about someone outside the asker's scope. */
const OUT_OF_SCOPE = /没有权限|不是.*(学校|本校|辖区)|找不到|没有找到|未找到/;

const REFUSALS = ['抱歉，您没有权限执行这个操作。', '您还没有绑定身份。请在班级群里发送「绑定 姓名 手机后四位」，例如：绑定 张三 1234'];
// (bind's sample, 帮忙绑定, is no command for someone already bound: the unknown-command answer.)
const DEMO_REFUSALS = /^演示群里不能使用这个命令|^演示身份只能在自己的演示班里使用|^没看懂这条消息/;

/** The demo's personas in room 1, as the browser demo plays them. */
const DEMO_ROOM = 1;
const DEMO_ROLES: Role[] = [
  { label: 'demo tutor', id: roomPersonaId(DEMO_ROOM, 'demo-tutor'), name: '演示老师', bound: true, grants: [{ role: 'TUTOR', classId: null, regionId: null, schoolId: null }], inScope: true },
  { label: 'demo trainee', id: roomPersonaId(DEMO_ROOM, 'demo-1'), name: '张伟', bound: true, grants: [], inScope: true },
];

describe('the permission matrix', () => {
  let db: TestDatabase;
  let chat: TestChat;
  beforeAll(async () => {
    db = await openTestDatabase('pglite');
    const setup = exampleSetup();
    setup.projects.push({ name: '2026年谯城区小学语文教师培训', level: 'COUNTY', year: 2026 });
    setup.classes.push({ name: '小学语文1班', project: '2026年谯城区小学语文教师培训' });
    setup.people.push({ name: '赵老师', phone: '13900000031', school: '实验小学', roles: [{ role: 'TUTOR', class: '小学语文1班' }], accounts: [{ platform: 'playground', userId: 'tutor-zhao' }] });
    setup.schools.push('魏岗小学');
    setup.people.push({ name: '陈校长', phone: '13900000032', school: '城关小学', roles: [{ role: 'SCHOOL_CONTACT' }], accounts: [{ platform: 'playground', userId: 'contact-cg' }] });
    setup.people.push({ name: '吴校长', phone: '13900000033', school: '魏岗小学', roles: [{ role: 'SCHOOL_CONTACT' }], accounts: [{ platform: 'playground', userId: 'contact-wg' }] });
    chat = await TestChat.start(db, { at: '2026-11-23T08:20:00+08:00', setup });
    // The contact of the neighbouring county, with a school and a class of its own.
    const city = await db.prisma.region.findFirstOrThrow({ where: { name: '亳州市' } });
    const other = await db.prisma.region.create({ data: { name: '涡阳县', level: 'COUNTY', parentId: city.id } });
    const school = await db.prisma.school.create({ data: { name: '涡阳县实验小学', regionId: other.id } });
    const sun = await db.prisma.person.create({ data: { name: '孙主任', phone: '13900000034', phoneLast4: '0034', schoolId: school.id } });
    await db.prisma.identity.create({ data: { platform: 'playground', platformUserId: 'contact-sun', displayName: '孙主任', personId: sun.id } });
    await db.prisma.roleGrant.create({ data: { personId: sun.id, role: 'COUNTY_CONTACT', regionId: other.id } });
    ROLES.find((r) => r.id === 'contact-sun')!.grants[0]!.regionId = other.id;
    const wg = await db.prisma.school.findFirstOrThrow({ where: { name: '魏岗小学' } });
    ROLES.find((r) => r.id === 'contact-wg')!.grants[0]!.schoolId = wg.id;
    const cg = await db.prisma.school.findFirstOrThrow({ where: { name: '城关小学' } });
    ROLES.find((r) => r.id === 'contact-cg')!.grants[0]!.schoolId = cg.id;
    await chat.as('tutor-li', '李老师').says('绑定班级 小学数学1班');
    await chat.as('u-zhang3', '张三').says('绑定 张三 1111');
    await chat.as('u-li4', '李四').says('绑定 李四 2222');
    // The demo room, and the places in class A its personas should never be able to use.
    await prepareDemoRoom(chat.app, DEMO_ROOM, false);
    const classA = await db.prisma.trainingClass.findFirstOrThrow({ where: { name: '小学数学1班' } });
    const demoTutor = await db.prisma.identity.findUniqueOrThrow({ where: { platform_platformUserId: { platform: 'playground', platformUserId: DEMO_ROLES[0]!.id } } });
    const demoTrainee = await db.prisma.identity.findUniqueOrThrow({ where: { platform_platformUserId: { platform: 'playground', platformUserId: DEMO_ROLES[1]!.id } } });
    await db.prisma.roleGrant.create({ data: { personId: demoTutor.personId, role: 'TUTOR', classId: classA.id } });
    await db.prisma.enrolment.create({ data: { classId: classA.id, personId: demoTrainee.personId } });
  }, 60_000);
  afterAll(async () => {
    await chat.close();
    await db.close();
  });

  const fingerprint = async () =>
    JSON.stringify([
      await db.prisma.trainingSession.findMany({ select: { id: true, status: true, startsAt: true, codeSecret: true, codeStepSeconds: true } }),
      await db.prisma.trainingClass.findMany({ select: { id: true, logsPerWeek: true, startsOn: true, endsOn: true, venue: true } }),
      await db.prisma.roleGrant.count(),
      await db.prisma.groupChat.findMany({ select: { chatId: true, classId: true, schoolId: true } }),
      await db.prisma.leaveRequest.findMany({ select: { id: true, status: true } }),
      await db.prisma.broadcast.count(),
      await db.prisma.openingNotice.count(),
      await db.prisma.substitution.findMany({ select: { id: true, status: true } }),
      await db.prisma.assignment.count(),
      await db.prisma.submission.findMany({ select: { id: true, status: true } }),
      await db.prisma.survey.count(),
      await db.prisma.hourRecord.findMany({ select: { id: true, status: true } }),
      await db.prisma.enrolment.findMany({ select: { id: true, status: true, personId: true } }),
      await db.prisma.checkIn.findMany({ select: { id: true, status: true, remark: true } }),
    ]);

  it("when a school contact or another class's tutor tries to re-bind the class group it stays the class's group", async () => {
    const before = await db.prisma.groupChat.findMany();
    const replies = [
      ...(await chat.as('contact-cg', '陈校长').says('@研修助手 绑定学校')),
      ...(await chat.as('tutor-zhao', '赵老师').says('@研修助手 绑定班级 小学语文1班')),
    ];
    expect(replies.map((r) => r.text)).toEqual([
      '本群已绑定为「小学数学1班」的群，只有负责它的辅导老师或联系人可以改绑。',
      '本群已绑定为「小学数学1班」的群，只有负责它的辅导老师或联系人可以改绑。',
    ]);
    expect(await db.prisma.groupChat.findMany()).toEqual(before);
  });

  it('covers every command', () => {
    expect(commands.map((c) => c.id).filter((id) => !(id in SAMPLES))).toEqual([]);
  });

  for (const command of commands) {
    it(`${command.id}: only the allowed roles get past the permission check`, async () => {
      const problems: string[] = [];
      for (const role of ROLES) {
        const scoped = CLASS_SCOPED.has(command.id) || PERSON_SCOPED.has(command.id);
        const allowed = hasAudience(role.grants, role.bound, command.audience) && (role.inScope || !scoped);
        const before = await fingerprint();
        const replies = (await chat.as(role.id, role.name).says(`@研修助手 ${SAMPLES[command.id]}`)).map((r) => r.text);
        const refused = replies.some((t) => REFUSALS.includes(t) || (scoped && !role.inScope && OUT_OF_SCOPE.test(t)));
        if (allowed && refused) problems.push(`${role.label} was refused`);
        if (!allowed && !refused) problems.push(`${role.label} was not refused: ${JSON.stringify(replies)}`);
        if (!allowed && (await fingerprint()) !== before) problems.push(`${role.label} changed the data`);
      }
      expect(problems).toEqual([]);
    });

    it(`${command.id}: the demo's personas are refused in a real class's group and, unless the demo allows it, in their own`, async () => {
      const problems: string[] = [];
      for (const role of DEMO_ROLES) {
        for (const group of ['g-math1', roomGroupId(DEMO_ROOM)]) {
          const allowed = group !== 'g-math1' && SANDBOX_COMMANDS.has(command.id) && hasAudience(role.grants, role.bound, command.audience);
          const before = await fingerprint();
          const replies = (await chat.as(role.id, role.name, { group }).says(`@研修助手 ${SAMPLES[command.id]}`)).map((r) => r.text);
          const refused = replies.some((t) => REFUSALS.includes(t) || DEMO_REFUSALS.test(t));
          if (allowed && refused) problems.push(`${role.label} in ${group} was refused`);
          if (!allowed && !refused) problems.push(`${role.label} in ${group} was not refused: ${JSON.stringify(replies)}`);
          if (!allowed && (await fingerprint()) !== before) problems.push(`${role.label} in ${group} changed the data`);
        }
      }
      expect(problems).toEqual([]);
    });
  }
});
