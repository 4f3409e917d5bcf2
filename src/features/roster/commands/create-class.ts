import { z } from 'zod';
import { audit } from '../../../app/app.ts';
import { bindGroupToClass } from '../group-binding.ts';
import { projectsForNewClasses } from '../projects.ts';
import { UserError } from '../../../core/errors.ts';
import { defineCommand } from '../../../app/command.ts';
import { readCreateClass } from '../sentences.ts';

export const createClassCommand = defineCommand({
  id: 'createClass',
  words: ['创建班级', '新建班级'],
  sentences: [readCreateClass],
  slash: ['newclass'],
  // As in the console: an admin, or the county contact of the project's county (projectsForNewClasses).
  audience: ['COUNTY_CONTACT'],
  // 「创建班级 【县培】2026年新入职教师岗前培训班·小学组 项目：2026年县级培训项目」: names as typed, brackets kept.
  parse: (rest, _message, verbatim) => {
    const [name, ...project] = (verbatim || rest).split(' ').filter(Boolean);
    return { name, project: project.join(' ').replace(/^(?:所属)?项目\s*[:：]?\s*/, '') || undefined };
  },
  args: z.object({ name: z.string({ error: 'class.nameRequired' }).min(1).max(80), project: z.string().max(80).optional() }),
  async run(ctx, { name, project }) {
    const { app, actor } = ctx;
    // Only the projects this actor may use are ever named, so no county learns another's projects.
    const projects = await projectsForNewClasses(app.db, actor.grants);
    const names = projects.slice(0, 20).map((p) => p.name).join('、') || app.t('common.none');
    const chosen = project ? projects.find((p) => p.name === project) : projects.length === 1 ? projects[0] : undefined;
    if (project && !chosen) throw new UserError('class.projectNotFound', { name: project, projects: names });
    if (!chosen) throw new UserError('class.noProject', { projects: names });
    const exists = await app.db.trainingClass.findUnique({ where: { projectId_name: { projectId: chosen.id, name } } });
    if (exists) throw new UserError('class.exists', { name });
    const who = { personId: actor.person!.id, label: `${actor.platform}:${actor.user.id}` };
    const cls = await app.db.trainingClass.create({ data: { name, projectId: chosen.id } });
    await app.db.roleGrant.create({ data: { personId: who.personId, role: 'TUTOR', classId: cls.id, grantedById: who.personId } });
    actor.grants.push({ role: 'TUTOR', classId: cls.id, regionId: null, schoolId: null });
    await audit(app.db, who, 'class.create', 'TrainingClass', cls.id, { name, projectId: chosen.id });
    if (ctx.message.chat.kind === 'group') {
      await bindGroupToClass(app, actor, ctx.message.chat, cls);
      return ctx.reply('class.createdAndBound', { name, project: chosen.name });
    }
    await ctx.reply('class.created', { name, project: chosen.name });
  },
});
