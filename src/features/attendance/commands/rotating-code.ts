import { z } from 'zod';
import { screenUrl, setRotatingCode } from '../rotating-code.ts';
import { findSessionFor } from '../sessions.ts';
import { DEFAULT_STEP_SECONDS, MAX_STEP_SECONDS, MIN_STEP_SECONDS } from '../../../core/checkin/rotating-code.ts';
import { UserError } from '../../../core/errors.ts';
import { defineCommand, noArguments, type CommandContext } from '../../../app/command.ts';
import { managedGroupClass } from '../../../app/managed-class.ts';
import { wordAsClause } from '../../../core/text/sentence.ts';

/** The group's current or next session that has not closed, for a tutor who may manage its class. */
async function targetSession(ctx: CommandContext) {
  const classId = await managedGroupClass(ctx);
  const { open, next } = await findSessionFor(ctx.app.db, [classId], ctx.app.clock.now());
  const session = open ?? next;
  if (!session || session.status !== 'SCHEDULED') throw new UserError('session.noneToChange');
  return session;
}

const auditActor = (ctx: CommandContext) => ({ personId: ctx.actor.person!.id, label: `${ctx.actor.platform}:${ctx.actor.user.id}` });

export const rotatingCodeCommand = defineCommand({
  id: 'rotatingCode',
  words: ['开启动态口令', '打开动态口令', '启用动态口令', '开动态口令', '改用动态口令', '开启动态签到', '动态口令'],
  sentences: [wordAsClause(['开启动态口令', '打开动态口令', '启用动态口令', '开动态口令', '改用动态口令', '用动态口令'])],
  slash: ['rotatingcode'],
  audience: ['TUTOR', 'COUNTY_CONTACT'],
  where: 'group',
  quietWhenNotPermitted: true,
  // 「今天签到用动态口令，60秒换一次」: the switch said in a sentence (a question never switches it).
  phrases: [/^(?:今天|今日|明天|本节课|这节课|(?:今天|明天)?(?:上午|下午|晚上))?的?签到(?:就|都|改为|改成)?(?:用|使用|采用|改用|换成|换用)动态(?:口令|码|签到码)(?:签到)?(?<rest>[^?？吗呢吧么]*)(?<!没有|没|不)$/],
  // 「开启动态口令 60秒」「开启动态口令，每45秒换一次」
  parse: (rest) => {
    const step = /(\d+)\s*(?:秒钟?|s)/i.exec(rest)?.[1];
    return { step: step ?? (rest.replace(/[\s,，。.!！]/g, '') ? rest : undefined) };
  },
  args: z.object({
    step: z.coerce.number({ error: 'session.badStep' }).int({ error: 'session.badStep' }).min(MIN_STEP_SECONDS, { error: 'session.badStep' }).max(MAX_STEP_SECONDS, { error: 'session.badStep' }).default(DEFAULT_STEP_SECONDS),
  }),
  async run(ctx, { step }) {
    const session = await targetSession(ctx);
    if (session.requireLocation) throw new UserError('rotating.locationSession', { title: session.title });
    const updated = await setRotatingCode(ctx.app, auditActor(ctx), session.id, step);
    await ctx.reply('rotating.on', { title: updated.title, seconds: step, url: screenUrl(ctx.app, updated) });
  },
});

export const rotatingCodeOffCommand = defineCommand({
  id: 'rotatingCodeOff',
  words: ['关闭动态口令', '停用动态口令', '取消动态口令', '关掉动态口令', '关闭动态签到'],
  // 「动态口令不用了」「签到不用动态口令了」
  phrases: [/^(?:今天|今日|本节课|这节课)?的?(?:签到)?(?:不用|不再用|别用|停用)动态(?:口令|码)了?(?:签到)?(?:了)?[,，。.!！]?[^?？吗呢吧么]*(?<!没有|没|不)$/, /^动态(?:口令|码)(?:先|就)?(?:关掉|关了|关闭|停了|停掉|不用了)[^?？吗呢吧么]*(?<!没有|没|不)$/],
  sentences: [
    wordAsClause(['关闭动态口令', '停用动态口令', '取消动态口令', '关掉动态口令', '把动态口令关了', '把动态口令关掉', '动态口令关了', '动态口令关掉']),
  ],
  slash: ['rotatingcodeoff'],
  audience: ['TUTOR', 'COUNTY_CONTACT'],
  where: 'group',
  quietWhenNotPermitted: true,
  ...noArguments,
  async run(ctx) {
    const session = await targetSession(ctx);
    if (!session.codeSecret) throw new UserError('rotating.notOn', { title: session.title });
    await setRotatingCode(ctx.app, auditActor(ctx), session.id, null);
    const codeNote = session.code ? ctx.app.t('rotating.offWithCode', { code: session.code }) : ctx.app.t('rotating.offNoCode');
    await ctx.reply('rotating.off', { title: session.title, codeNote });
  },
});
