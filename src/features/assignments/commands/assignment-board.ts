import { z } from 'zod';
import { submissionBoard } from '../assignments.ts';
import { defineCommand } from '../../../app/command.ts';
import { managedGroupClass } from '../../../app/managed-class.ts';
import { ASSIGNMENT_BOARD } from '../sentences.ts';

export const assignmentBoardCommand = defineCommand({
  id: 'assignmentBoard',
  words: ['作业情况', '作业统计', '提交情况'],
  phrases: [ASSIGNMENT_BOARD],
  slash: ['board'],
  audience: ['TUTOR', 'COUNTY_CONTACT'],
  where: 'group',
  parse: (rest) => ({ title: rest }),
  args: z.object({ title: z.string().max(40) }),
  async run(ctx, { title }) {
    const classId = await managedGroupClass(ctx);
    await ctx.sendDetailsPrivately(await submissionBoard(ctx.app, classId, title), { sent: 'assignment.boardSent', unreachable: 'common.cannotReachPrivately' });
  },
});
