import type { Prisma } from '../generated/prisma/client.ts';

// The public demo (/demo) lives in the real database as a sandbox: 演示县, 演示小学, 演示项目 and the
// rooms' classes 演示班N. None of it may show in a real view, list, default or name lookup: an
// administrator's class list, 全县概览, 统计, the 新建班级 project default, a roster file's county
// and class. The demo's region, school and project carry no flag of their own; they are the ones
// holding sandbox classes. These filters go into each such query.

/** A class that is not a demo room. */
export const REAL_CLASS = { sandbox: false } satisfies Prisma.TrainingClassWhereInput;

/** A project with no demo room in it. */
export const REAL_PROJECT = { NOT: { classes: { some: { sandbox: true } } } } satisfies Prisma.ProjectWhereInput;

/** A region that is not the demo's county. */
export const REAL_REGION = { NOT: { projects: { some: { classes: { some: { sandbox: true } } } } } } satisfies Prisma.RegionWhereInput;

/** A school outside the demo's county. */
export const REAL_SCHOOL = { region: REAL_REGION } satisfies Prisma.SchoolWhereInput;
