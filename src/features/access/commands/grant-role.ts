import { z } from 'zod';
import { grantRole, type GrantScope } from '../roles.ts';
import { UserError } from '../../../core/errors.ts';
import { askIfNearName } from '../../../core/text/near-names.ts';
import type { RoleName } from '../../../core/permissions.ts';
import { defineCommand } from '../../../app/command.ts';

const ROLE_WORDS: Record<string, RoleName> = {
  辅导老师: 'TUTOR',
  辅导教师: 'TUTOR',
  班主任: 'TUTOR',
  tutor: 'TUTOR',
  学校联系人: 'SCHOOL_CONTACT',
  校长: 'SCHOOL_CONTACT',
  县区联系人: 'COUNTY_CONTACT',
  县联系人: 'COUNTY_CONTACT',
  区县联系人: 'COUNTY_CONTACT',
  管理员: 'ADMIN',
  admin: 'ADMIN',
};
const ROLE_LABEL: Record<RoleName, string> = { TUTOR: '辅导老师', SCHOOL_CONTACT: '学校联系人', COUNTY_CONTACT: '县区联系人', ADMIN: '管理员' };

export const grantRoleCommand = defineCommand({
  id: 'grantRole',
  words: ['授权', '设置角色'],
  slash: ['grant'],
  audience: ['COUNTY_CONTACT'],
  parse: (rest, message) => {
    const tokens = rest.split(' ').filter(Boolean);
    const mention = message.mentions[0];
    const args = mention ? { mention, roleWord: tokens[0] } : { name: tokens[0], roleWord: tokens[1] };
    return { ...args, role: ROLE_WORDS[(args.roleWord ?? '').toLowerCase()] };
  },
  args: z.object({
    mention: z.object({ id: z.string(), name: z.string() }).optional(),
    name: z.string().max(40).optional(),
    roleWord: z.string({ error: 'role.usage' }).min(1, { error: 'role.usage' }),
    role: z.enum(['TUTOR', 'SCHOOL_CONTACT', 'COUNTY_CONTACT', 'ADMIN']).optional(),
  }),
  async run(ctx, { mention, name, roleWord, role }) {
    const { app, actor } = ctx;
    if (!role) throw new UserError('role.unknownRole', { role: roleWord });
    let person;
    if (mention) {
      const identity = await app.db.identity.findUnique({
        where: { platform_platformUserId: { platform: ctx.message.chat.platform, platformUserId: mention.id } },
        include: { person: { include: { school: true } } },
      });
      if (!identity) throw new UserError('role.targetNotBound', { name: mention.name });
      person = identity.person;
    } else if (name) {
      const found = await app.db.person.findMany({ where: { name }, include: { school: true }, take: 2 });
      if (found.length === 0) {
        const alike = await app.db.person.findMany({ where: { OR: [{ name: { startsWith: name[0]! } }, { name: { endsWith: name.at(-1)! } }] }, select: { name: true }, take: 200 });
        askIfNearName(name, alike.map((p) => p.name), (meant) => app.t('understanding.readingAction', { action: `授权为${ROLE_LABEL[role]}`, name: meant }));
        throw new UserError('role.targetNotFound', { name });
      }
      if (found.length > 1) throw new UserError('role.targetAmbiguous', { name });
      person = found[0]!;
    } else {
      throw new UserError('role.usage');
    }
    const scope: GrantScope = {};
    if (role === 'TUTOR') {
      if (!ctx.binding?.classId) throw new UserError('role.needsClassGroup');
      scope.classId = ctx.binding.classId;
    } else if (role === 'SCHOOL_CONTACT') {
      if (!person.schoolId) throw new UserError('role.needsSchool', { name: person.name });
      scope.schoolId = person.schoolId;
    } else if (role === 'COUNTY_CONTACT') {
      if (!person.school) throw new UserError('role.needsSchool', { name: person.name });
      scope.regionId = person.school.regionId;
    }
    const result = await grantRole(app, { actor: { personId: actor.person!.id, label: `${actor.platform}:${actor.user.id}` }, grants: actor.grants }, person.id, role, scope);
    await ctx.reply(result.created ? 'role.granted' : 'role.already', { name: person.name, role: ROLE_LABEL[role] });
  },
});
