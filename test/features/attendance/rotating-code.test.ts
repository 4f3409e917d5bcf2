import { describe, expect, it } from 'vitest';
import { codeForStep, stepAt } from '../../../src/core/checkin/rotating-code.ts';
import { bindClassOfThree, exampleSetup, freshChatPerTest, texts, threeTraineeSetup, type TestChat } from '../../support/chat.ts';
import { jobsOption, schedulerRuns, useTestRedis } from '../../support/redis.ts';

const redis = useTestRedis();

// A rotating code (动态口令): what the 签到大屏 shows is derived from the session's secret and the
// time step; the test reads it as the screen would. 60-second steps start on the minute.

/** The code the screen shows at `time` for the class's open session. */
async function screenCode(chat: TestChat, time: string): Promise<string> {
  const s = await chat.app.db.trainingSession.findFirstOrThrow({ where: { codeSecret: { not: null } } });
  return codeForStep(s.codeSecret!, stepAt(new Date(time), s.codeStepSeconds!));
}

describe.each(schedulerRuns())('a rotating check-in code on %s, jobs %s', (kind, jobs) => {
  describe('three trainees', () => {
    const { chat } = freshChatPerTest(kind, () => ({ at: '2026-11-23T08:00:00+08:00', setup: threeTraineeSetup(), ...jobsOption(jobs, redis) }), bindClassOfThree);

    it('when the tutor creates a session with 动态口令 the reply points to the screen and never carries the secret or a code', async () => {
      const reply = texts(await chat().as('tutor-li', '李老师').says('创建课次 今天 8:30-11:30 学时3 动态口令60秒 新课标解读'));
      const session = await chat().app.db.trainingSession.findFirstOrThrow();
      expect(session).toMatchObject({ title: '新课标解读', codeStepSeconds: 60, code: null });
      expect(reply.join('\n')).toContain('签到用动态口令，每 60 秒更换');
      expect(reply.join('\n')).toContain(`/console/classes/${session.classId}/sessions/${session.id}/screen`);
      expect(reply.join('\n')).not.toContain(session.codeSecret!);
      expect(reply.join('\n')).not.toMatch(/\d{6}/);
      const opening = texts(await chat().at('2026-11-23T08:00:30+08:00')).concat(reply).find((t) => t.includes('现在开始签到'));
      expect(opening).toContain('请看大屏上的口令');
    });

    it('when trainees type the current code, the previous step’s code, an expired one and a wrong one, only the first two check in', async () => {
      await chat().as('tutor-li', '李老师').says('创建课次 今天 8:30-11:30 学时3 动态口令60秒');
      await chat().at('2026-11-23T08:05:00+08:00');
      const first = await screenCode(chat(), '2026-11-23T08:05:00+08:00');
      await chat().as('u-zhang3', '张三').says(`签到 ${first}`);
      // 李四 read the screen at 08:05:55 and sends at 08:06:30, one step later: still accepted.
      await chat().at('2026-11-23T08:06:30+08:00');
      expect(await screenCode(chat(), '2026-11-23T08:06:30+08:00')).not.toBe(first);
      await chat().as('u-li4', '李四').says(`签到${first}`);
      // 王五 got the 08:05 code forwarded and sends it at 08:07:10, two steps later.
      await chat().at('2026-11-23T08:07:10+08:00');
      const stale = texts(await chat().as('u-wang5', '王五').says(`签到 ${first}`));
      expect(stale).toEqual(['口令已过期，请看大屏上的最新口令。']);
      expect(texts(await chat().as('u-wang5', '王五').says('签到 000000'))).toEqual(['签到口令不对，请向辅导老师确认后再试。']);
      expect(texts(await chat().as('u-wang5', '王五').says('签到'))[0]).toContain('签到需要口令');
      const rows = await chat().app.db.checkIn.findMany({ include: { person: true }, orderBy: { personId: 'asc' } });
      expect(rows.map((r) => [r.person.name, r.status])).toEqual([['张三', 'PRESENT'], ['李四', 'PRESENT']]);
      // The current code works for 王五.
      await chat().as('u-wang5', '王五').says(`签到 ${await screenCode(chat(), '2026-11-23T08:07:10+08:00')}`);
      expect(await chat().app.db.checkIn.count()).toBe(3);
    });

    it('when a trainee types 40 wrong codes and then the right one, the sixth attempt on is refused until the code changes, and the tutor sees the wrong codes', async () => {
      await chat().as('tutor-li', '李老师').says('创建课次 今天 8:30-11:30 学时3 动态口令60秒');
      await chat().at('2026-11-23T08:05:10+08:00');
      const right = await screenCode(chat(), '2026-11-23T08:05:10+08:00');
      const guesses = Array.from({ length: 40 }, (_, i) => String(100_000 + i * 7919).padStart(6, '0')).filter((g) => g !== right);
      const replies: string[] = [];
      for (const guess of guesses) replies.push(...texts(await chat().as('u-wang5', '王五').says(`签到 ${guess}`)));
      expect(replies.slice(0, 5)).toEqual(Array(5).fill('签到口令不对，请向辅导老师确认后再试。'));
      expect(replies[5]).toBe('口令输错次数太多，请看大屏上的最新口令，50 秒后再发送「签到 口令」。');
      expect(texts(await chat().as('u-wang5', '王五').says(`签到 ${right}`))).toEqual(['口令输错次数太多，请看大屏上的最新口令，50 秒后再发送「签到 口令」。']);
      expect(await chat().app.db.checkIn.count()).toBe(0);
      // Others in the room are not held up by one person's guessing.
      await chat().as('u-zhang3', '张三').says(`签到 ${right}`);
      expect(await chat().app.db.checkIn.count()).toBe(1);
      const attendance = await chat().as('tutor-li', '李老师').says('签到情况');
      expect(attendance.find((r) => r.chat === 'tutor-li')?.text).toContain('· 输错口令 1 人：王五（5 次）');
      // The next code, read off the screen after the wait, checks 王五 in.
      await chat().at('2026-11-23T08:06:05+08:00');
      await chat().as('u-wang5', '王五').says(`签到 ${await screenCode(chat(), '2026-11-23T08:06:05+08:00')}`);
      expect(await chat().app.db.checkIn.findFirst({ where: { person: { name: '王五' } } })).toMatchObject({ status: 'PRESENT' });
      const sent = await chat().at('2026-11-23T11:31:00+08:00');
      const summary = sent.find((m) => m.chat === 'tutor-li' && m.text.includes('考勤汇总'))!.text.split('\n');
      expect(summary).toContain('· 输错口令 1 人：王五（5 次）');
    });

    it('when a trainee sends 40 guesses at once, at most six are checked and the right code after them is refused until the code changes', async () => {
      await chat().as('tutor-li', '李老师').says('创建课次 今天 8:30-11:30 学时3 动态口令60秒');
      await chat().at('2026-11-23T08:05:10+08:00');
      const right = await screenCode(chat(), '2026-11-23T08:05:10+08:00');
      const handle = (text: string, n: number) =>
        chat().session.bot.handler.handle({ chat: { platform: 'playground', id: 'g-math1', kind: 'group', title: 'g-math1' }, sender: { id: 'u-wang5', name: '王五' }, text, mentions: [], addressedToBot: false, attachments: [], messageId: `burst-${n}`, sentAt: new Date('2026-11-23T08:05:10+08:00') });
      await Promise.all(Array.from({ length: 40 }, (_, i) => String(100_000 + i * 7919)).filter((g) => g !== right).map((g, i) => handle(`签到 ${g}`, i)));
      await handle(`签到 ${right}`, 99);
      expect(await chat().app.db.checkIn.count()).toBe(0);
      expect(await chat().app.db.auditLog.count({ where: { action: 'checkin.wrongCode' } })).toBeLessThanOrEqual(6);
    });

    it('when the tutor turns the rotating code on for an existing session and off again, check-in follows', async () => {
      await chat().as('tutor-li', '李老师').says('创建课次 今天 8:30-11:30 学时3 口令8866');
      await chat().at('2026-11-23T08:05:00+08:00');
      const on = texts(await chat().as('tutor-li', '李老师').says('开启动态口令 45秒'));
      expect(on[0]).toMatch(/已为「.*」开启动态口令，每 45 秒更换/);
      expect(texts(await chat().as('u-zhang3', '张三').says('签到 8866'))).toEqual(['签到口令不对，请向辅导老师确认后再试。']);
      const off = texts(await chat().as('tutor-li', '李老师').says('关闭动态口令'));
      expect(off[0]).toContain('签到改用固定口令 8866');
      await chat().as('u-zhang3', '张三').says('签到 8866');
      expect(await chat().app.db.checkIn.count()).toBe(1);
    });

    it('when a session takes location check-in a typed 签到 is told to share a location, and a location at the venue checks in', async () => {
      await chat().app.db.trainingClass.updateMany({ data: { venueLatitude: 33.8446, venueLongitude: 115.7789, venueRadiusMeters: 300 } });
      const created = texts(await chat().as('tutor-li', '李老师').says('创建课次 今天 8:30-11:30 学时3 定位签到'));
      expect(created.join('\n')).toContain('签到需要发送位置（培训地点 300 米以内）');
      expect((await chat().app.db.trainingSession.findFirstOrThrow()).requireLocation).toBe(true);
      expect(texts(await chat().as('tutor-li', '李老师').says('创建课次 明天 8:30-11:30 定位签到 动态口令'))[0]).toContain('定位签到的课次不用口令');
      await chat().at('2026-11-23T08:10:00+08:00');
      expect(texts(await chat().as('u-zhang3', '张三').says('签到'))[0]).toContain('需要定位签到：请发送您当前的位置');
      const outcome = await chat().session.bot.handler.handle({
        chat: { platform: 'playground', id: 'g-math1', kind: 'group', title: 'g-math1' }, sender: { id: 'u-zhang3', name: '张三' }, text: '', mentions: [], addressedToBot: false, attachments: [],
        location: { latitude: 33.8447, longitude: 115.7790, live: false }, messageId: 'loc-1', sentAt: new Date('2026-11-23T08:10:00+08:00'),
      });
      expect(outcome).toBe('handled');
      expect(await chat().app.db.checkIn.findFirst({ where: { person: { name: '张三' } } })).toMatchObject({ status: 'PRESENT' });
    });

    it('when a trainee tries to turn the rotating code on nothing changes', async () => {
      await chat().as('tutor-li', '李老师').says('创建课次 今天 8:30-11:30 学时3');
      const replies = texts(await chat().as('u-zhang3', '张三').says('@研修助手 开启动态口令'));
      expect(replies).toEqual(['抱歉，您没有权限执行这个操作。']);
      expect((await chat().app.db.trainingSession.findFirstOrThrow()).codeSecret).toBeNull();
    });
  });

  describe('a class of six', () => {
    const { chat } = freshChatPerTest(kind, () => ({ at: '2026-11-23T08:00:00+08:00', setup: exampleSetup(), ...jobsOption(jobs, redis) }), async (c) => {
      await c.as('tutor-li', '李老师').says('绑定班级 小学数学1班');
      for (const [i, name] of ['张三', '李四', '王五', '赵六', '钱七', '孙八'].entries()) await c.as(`u-${i}`, name).says(`绑定 ${name} ${String(i + 1).repeat(4)}`);
    });

    it('when five check in within seconds of the code appearing in the group, and one tried an expired code, the summary names them and the check-ins stand', async () => {
      await chat().as('tutor-li', '李老师').says('创建课次 今天 8:30-11:30 学时3 动态口令60秒');
      // 孙八 first tries a code forwarded from two minutes ago: refused, and remembered.
      await chat().at('2026-11-23T08:10:00+08:00');
      const old = await screenCode(chat(), '2026-11-23T08:08:00+08:00');
      expect(texts(await chat().as('u-5', '孙八').says(`签到 ${old}`))).toEqual(['口令已过期，请看大屏上的最新口令。']);
      const code = await screenCode(chat(), '2026-11-23T08:10:00+08:00');
      await chat().as('u-0', '张三').says(`签到 ${code}`);
      for (const [i, name] of ['李四', '王五', '赵六', '钱七', '孙八'].entries()) {
        await chat().wait(3);
        await chat().as(`u-${i + 1}`, name).says(`签到 ${code}`);
      }
      const attendance = await chat().as('tutor-li', '李老师').says('签到情况');
      expect(attendance.find((r) => r.chat === 'tutor-li')?.text).toContain('· 用过期口令尝试签到 1 人：孙八');
      const sent = await chat().at('2026-11-23T11:31:00+08:00');
      const summary = sent.find((s) => s.chat === 'tutor-li' && s.text.includes('考勤汇总'))!.text.split('\n');
      expect(summary).toContain('⚠️ 请留意（仅供参考，不影响签到结果）：');
      expect(summary).toContain('· 用过期口令尝试签到 1 人：孙八');
      const burst = summary.find((l) => l.startsWith('· 口令出现在群里后 20 秒内'));
      expect(burst).toBe('· 口令出现在群里后 20 秒内有 5 人以上跟着签到，共 5 人：李四、王五、赵六、钱七、孙八');
      expect(summary.find((l) => l.startsWith('✅ 准时'))).toMatch(/^✅ 准时 6：/);
    });
  });
});
