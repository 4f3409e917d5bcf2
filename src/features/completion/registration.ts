import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { UserError } from '../../core/errors.ts';
import { canManageClass, type Grant } from '../../core/permissions.ts';
import { localDateOf } from '../../core/timetable/timetable-phrase.ts';
import { classScope } from '../../app/actor.ts';
import type { App } from '../../app/app.ts';
import { robotSecretBox } from '../notices/robot-store.ts';
import { LEVEL_NAMES, type Cell, type ExportScope, type Sheet } from '../reports/exports.ts';

// The provincial registration file (报名 / 学时认定). No province publishes its import template and
// each differs, so the layout is a small mapping file (REGISTRATION_MAPPING): column titles and order,
// level names, date style. The ID and teacher-certificate numbers are opened only for a county
// contact's (or admin's) export.

const FIELDS = ['name', 'idNumber', 'teacherCert', 'school', 'stage', 'subject', 'className', 'projectName', 'projectNumber', 'level', 'hours', 'dates', 'accreditation'] as const;
type Field = (typeof FIELDS)[number];

export const mappingSchema = z.object({
  columns: z.array(z.object({ title: z.string().min(1).max(40), field: z.enum(FIELDS) })).min(1).max(40),
  levels: z.record(z.string(), z.string()).optional(),
  dateStyle: z.enum(['chinese', 'iso', 'dotted']).optional(),
});
export type RegistrationMapping = z.infer<typeof mappingSchema>;

const DEFAULT_TITLES: [string, Field][] = [
  ['姓名', 'name'], ['身份证号', 'idNumber'], ['学校', 'school'], ['学段', 'stage'], ['学科', 'subject'], ['项目名称', 'projectName'],
  ['项目编号', 'projectNumber'], ['培训级别', 'level'], ['学时', 'hours'], ['起止日期', 'dates'], ['认定状态', 'accreditation'],
];
export const DEFAULT_MAPPING: RegistrationMapping = { columns: DEFAULT_TITLES.map(([title, field]) => ({ title, field })), dateStyle: 'chinese' };

/** The mapping in force: REGISTRATION_MAPPING's file when set (a broken one is refused, never guessed), else ours. */
export function registrationMapping(app: App): RegistrationMapping {
  const file = app.config.certificates.registrationMapping;
  if (!file) return DEFAULT_MAPPING;
  try {
    return mappingSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
  } catch (error) {
    app.log.error('REGISTRATION_MAPPING cannot be read or does not fit the mapping format', { file, error: String(error) });
    throw new UserError('registration.badMapping');
  }
}

function formatDay(d: Date | null, style: RegistrationMapping['dateStyle']): string {
  if (!d) return '';
  const { year, month, day } = localDateOf(d);
  const pad = (n: number) => String(n).padStart(2, '0');
  return style === 'iso' ? `${year}-${pad(month)}-${pad(day)}` : style === 'dotted' ? `${year}.${pad(month)}.${pad(day)}` : `${year}年${month}月${day}日`;
}

/** Whether these grants may see ID numbers for a class: its county contact or an admin, never a tutor or school contact. */
async function mayOpenIds(app: App, grants: Grant[], classId: number): Promise<boolean> {
  return canManageClass(grants.filter((g) => g.role === 'COUNTY_CONTACT' || g.role === 'ADMIN'), await classScope(app.db, classId));
}

/** One sheet: a row per trainee and class in scope, in the mapping's columns. */
export async function registrationSheet(app: App, grants: Grant[], scope: ExportScope): Promise<{ sheet: Sheet; withIds: boolean }> {
  const mapping = registrationMapping(app);
  // Opened only when a sealed number is to be written (a tutor's export needs no key).
  const open = (sealed: string | null, opens: boolean) => (opens && sealed ? robotSecretBox(app.config).open(sealed) : '');
  const rows: Cell[][] = [];
  let withIds = false;
  for (const classId of scope.classIds) {
    const opens = await mayOpenIds(app, grants, classId);
    withIds ||= opens;
    const cls = await app.db.trainingClass.findUniqueOrThrow({ where: { id: classId }, include: { project: true } });
    const enrolled = await app.db.enrolment.findMany({
      where: { classId, status: { in: ['SELECTED', 'CONFIRMED', 'COMPLETED'] }, ...(scope.schoolId ? { person: { schoolId: scope.schoolId } } : {}) },
      include: { person: { include: { school: true } } },
      orderBy: { personId: 'asc' },
    });
    const hours = await app.db.hourRecord.findMany({ where: { projectId: cls.projectId, personId: { in: enrolled.map((e) => e.personId) }, status: { not: 'REJECTED' } }, select: { personId: true, hours: true, status: true } });
    for (const { person } of enrolled) {
      const mine = hours.filter((h) => h.personId === person.id);
      const total = Math.round(mine.reduce((s, h) => s + Number(h.hours), 0) * 100) / 100;
      const accredited = mine.filter((h) => h.status === 'ACCREDITED').length;
      const level = LEVEL_NAMES[cls.project.level] ?? cls.project.level;
      const value: Record<Field, Cell> = {
        name: person.name,
        idNumber: open(person.idNumberSealed, opens),
        teacherCert: open(person.teacherCertSealed, opens),
        school: person.school?.name ?? '',
        stage: person.stage ?? '',
        subject: person.subject ?? '',
        className: cls.name,
        projectName: cls.project.name,
        projectNumber: cls.project.number ?? '',
        level: mapping.levels?.[level] ?? level,
        hours: total,
        dates: cls.startsOn || cls.endsOn ? `${formatDay(cls.startsOn, mapping.dateStyle)}至${formatDay(cls.endsOn, mapping.dateStyle)}` : '',
        accreditation: mine.length === 0 ? '' : accredited === mine.length ? '已认定' : accredited === 0 ? '待认定' : '部分认定',
      };
      rows.push(mapping.columns.map((c) => value[c.field]));
    }
  }
  return { sheet: { name: '学时登记', columns: mapping.columns.map((c) => c.title), rows }, withIds };
}
