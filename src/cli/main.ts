import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import type { App } from '../app/app.ts';
import { writeExport, type ExportScope } from '../features/reports/exports.ts';
import { importRoster } from '../features/roster/roster-import.ts';
import { importCertificates } from '../features/hours/certificate-import.ts';
import { parseCertificateCsv } from '../core/hours/parse-certificate-csv.ts';
import type { TrainingLevel } from '../core/hours/summarize-hours.ts';
import { grantRole, type GrantScope } from '../features/access/roles.ts';
import { applySetup } from '../features/roster/setup.ts';
import { createSession } from '../features/attendance/sessions.ts';
import { createBot } from '../bot/create-bot.ts';
import type { RoleName } from '../core/permissions.ts';
import { systemClock } from '../core/ports.ts';
import { maskPhone, normalizePhone } from '../core/privacy.ts';
import { parseRosterCsv } from '../core/roster/parse-roster-csv.ts';
import { parseTimeRange } from '../core/time/parse-time-phrase.ts';
import { createMigration } from '../db/schema-engine.ts';
import { PlaygroundOutbox } from '../adapters/playground/playground-outbox.ts';
import { createRootLogger, loadConfigOrExit, openConfiguredDatabase, openScheduler } from '../runtime.ts';

const USAGE = `usage: npm run cli -- <command>
  db migrate                                   apply pending migrations
  db new-migration NAME                        write prisma/migrations/<time>_NAME from schema changes
  admin create --name 姓名 --phone 手机号        create the first admin (then 绑定 姓名 后四位 in chat)
  role grant --phone 手机号 --role tutor|school-contact|county-contact|admin [--class 班级]
  roster import FILE.csv [--county 县区] [--apply-changes]
                                               import a roster (UTF-8 or GBK), all or nothing; people on record
                                               keep their details unless --apply-changes (role holders always do)
  session create --class 班级 --time "明天 8:30-11:30" [--hours 3] [--late 10] [--code X] [--title T]
  setup load FILE.json                         apply a setup file (see docs/cli.md)
  hash-password < FILE                         a hash for ADMIN_PASSWORD (the password read from stdin)
  hours import FILE.csv [--level county|…] [--accredited]
                                               online-course certificates → hour records, all or nothing
  export --class 班级 | --school 学校 | --county 县区 [--format xlsx|csv] [--out DIR]
                                               hours register, attendance, assignments, totals`;

const LEVELS: Record<string, TrainingLevel> = { national: 'NATIONAL', provincial: 'PROVINCIAL', city: 'CITY', county: 'COUNTY', school: 'SCHOOL' };
const ROLES: Record<string, RoleName> = { tutor: 'TUTOR', 'school-contact': 'SCHOOL_CONTACT', 'county-contact': 'COUNTY_CONTACT', admin: 'ADMIN' };

class CliError extends Error {}

/** A progress bar on stderr: ▓▓▓▓░░░░ 120/300 */
function drawProgress(done: number, total: number): void {
  const width = 30;
  const filled = total ? Math.round((done / total) * width) : width;
  process.stderr.write(`\r${'▓'.repeat(filled)}${'░'.repeat(width - filled)} ${done}/${total}`);
}

/** The classes an export from the CLI covers: one class, one school's teachers, or every class of a county. */
async function cliExportScope(app: App, values: { class?: string; school?: string; county?: string }): Promise<ExportScope> {
  if (values.class) {
    const classes = await app.db.trainingClass.findMany({ where: { name: values.class }, select: { id: true } });
    if (classes.length === 0) throw new CliError(`no class named ${values.class}`);
    return { classIds: classes.map((c) => c.id), title: values.class };
  }
  if (values.school) {
    const school = await app.db.school.findFirst({ where: { name: values.school } });
    if (!school) throw new CliError(`no school named ${values.school}`);
    const enrolled = await app.db.enrolment.findMany({ where: { person: { schoolId: school.id } }, select: { classId: true }, distinct: ['classId'] });
    return { classIds: enrolled.map((e) => e.classId), schoolId: school.id, title: school.name };
  }
  if (values.county) {
    const county = await app.db.region.findFirst({ where: { name: values.county, level: 'COUNTY' } });
    if (!county) throw new CliError(`no county named ${values.county}`);
    const classes = await app.db.trainingClass.findMany({ where: { project: { regionId: county.id } }, select: { id: true } });
    return { classIds: classes.map((c) => c.id), title: county.name };
  }
  throw new CliError('export needs --class, --school or --county');
}

async function main(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      name: { type: 'string' },
      phone: { type: 'string' },
      role: { type: 'string' },
      class: { type: 'string' },
      county: { type: 'string' },
      time: { type: 'string' },
      hours: { type: 'string' },
      late: { type: 'string' },
      code: { type: 'string' },
      title: { type: 'string' },
      school: { type: 'string' },
      format: { type: 'string' },
      out: { type: 'string' },
      level: { type: 'string' },
      accredited: { type: 'boolean' },
      'apply-changes': { type: 'boolean' },
    },
  });
  const [group, action, arg] = positionals;
  const config = loadConfigOrExit();
  const log = createRootLogger({ ...config, logLevel: 'warn' });
  if (group === 'db' && action === 'migrate') {
    const database = await openConfiguredDatabase(config, { migrate: false });
    const { applyMigrations } = await import('../db/schema-engine.ts');
    const applied = await applyMigrations(database.adapterFactory);
    console.log(applied.length ? `applied: ${applied.join(', ')}` : 'database is up to date');
    return database.close();
  }
  if (group === 'db' && action === 'new-migration') {
    if (!arg) throw new CliError('db new-migration needs a NAME');
    const { openDatabase } = await import('../db/client.ts');
    const scratch = await openDatabase({ dataDir: 'memory', migrate: false });
    const dir = await createMigration(scratch.adapterFactory, arg);
    console.log(dir ? `wrote ${dir}/migration.sql — review it, then commit it` : 'the schema matches the migrations: nothing to write');
    return scratch.close();
  }
  if (group === 'hash-password') {
    // Reads the password from stdin so it stays out of the shell history.
    const password = (await new Promise<string>((resolve) => {
      let text = '';
      process.stdin.on('data', (chunk) => (text += String(chunk))).on('end', () => resolve(text));
    })).trim();
    if (password.length < 12) throw new CliError('the password needs at least 12 characters');
    const { hashPassword } = await import('../features/access/console-accounts.ts');
    console.log(hashPassword(password));
    return;
  }
  const database = await openConfiguredDatabase(config);
  // Sessions created here are scheduled in the bot's Redis when it runs; otherwise the bot
  // schedules them from the database when it starts.
  const jobs = await openScheduler(config, log, { startLocalRedis: false });
  const bot = await createBot({ config, database, outbox: new PlaygroundOutbox(systemClock), clock: systemClock, log, scheduler: jobs.scheduler });
  const app = bot.app;
  const actor = { personId: null, label: 'cli' };
  try {
    if (group === 'admin' && action === 'create') {
      const phone = normalizePhone(values.phone ?? '');
      if (!values.name || !phone) throw new CliError('admin create needs --name and a mobile --phone');
      const person = await app.db.person.upsert({ where: { phone }, create: { name: values.name, phone, phoneLast4: phone.slice(-4) }, update: { name: values.name } });
      await grantRole(app, { actor, grants: 'cli' }, person.id, 'ADMIN', {});
      console.log(`admin ready: ${person.name} (${maskPhone(phone)}). In any chat with the bot send: 绑定 ${person.name} ${phone.slice(-4)}`);
    } else if (group === 'role' && action === 'grant') {
      const phone = normalizePhone(values.phone ?? '');
      const role = ROLES[values.role ?? ''];
      if (!phone || !role) throw new CliError('role grant needs --phone and --role tutor|school-contact|county-contact|admin');
      const person = await app.db.person.findUnique({ where: { phone }, include: { school: true } });
      if (!person) throw new CliError(`no person with phone ${maskPhone(phone)}`);
      const scope: GrantScope = {};
      if (role === 'TUTOR') {
        const cls = await app.db.trainingClass.findFirst({ where: { name: values.class ?? '' } });
        if (!cls) throw new CliError('role grant --role tutor needs an existing --class');
        scope.classId = cls.id;
      } else if (role === 'SCHOOL_CONTACT') scope.schoolId = person.schoolId;
      else if (role === 'COUNTY_CONTACT') scope.regionId = person.school?.regionId ?? null;
      const result = await grantRole(app, { actor, grants: 'cli' }, person.id, role, scope);
      console.log(result.created ? `granted ${values.role} to ${person.name}` : `${person.name} already has that role`);
    } else if (group === 'roster' && action === 'import') {
      if (!arg) throw new CliError('roster import needs a FILE');
      const parsed = parseRosterCsv(await readFile(arg));
      const result = await importRoster(app, actor, parsed.rows, parsed.errors, { countyName: values.county, applyChanges: values['apply-changes'] ? 'all' : undefined });
      if (!result.ok) {
        for (const e of result.errors) console.error(e.message);
        throw new CliError(`nothing imported: ${result.errors.length} row(s) need fixing`);
      }
      console.log(`imported ${result.persons} trainees (${parsed.encoding}), ${result.schoolsCreated} new schools, ${result.updated} people's details updated`);
      const kept = result.differences.filter((d) => d.decision !== 'update');
      if (kept.length) console.log(`${kept.length} people on record differ from the file and kept their details (lines ${kept.map((d) => d.line).join(', ')}); --apply-changes applies them, except to role holders`);
    } else if (group === 'session' && action === 'create') {
      const cls = await app.db.trainingClass.findFirst({ where: { name: values.class ?? '' } });
      if (!cls) throw new CliError('session create needs an existing --class');
      const range = parseTimeRange(values.time ?? '', systemClock.now());
      if (!range) throw new CliError('--time must look like "2026-11-23 08:30-11:30" or "明天 8:30-11:30"');
      const session = await createSession(app, actor, {
        classId: cls.id,
        title: values.title,
        startsAt: range.start,
        endsAt: range.end,
        hours: Number(values.hours ?? 0),
        lateMinutes: values.late === undefined ? undefined : Number(values.late),
        code: values.code,
      });
      console.log(`session ${session.id} created: ${session.title}`);
    } else if (group === 'hours' && action === 'import') {
      if (!arg) throw new CliError('hours import needs a FILE');
      const parsed = parseCertificateCsv(await readFile(arg));
      const level = LEVELS[values.level ?? 'county'];
      if (!level) throw new CliError('--level must be national, provincial, city, county or school');
      if (parsed.errors.length) {
        for (const e of parsed.errors) console.error(e.message);
        throw new CliError(`nothing imported: ${parsed.errors.length} row(s) need fixing`);
      }
      const result = await importCertificates(app, actor, parsed.rows, { level, accredited: values.accredited === true });
      if (!result.ok) {
        for (const e of result.errors) console.error(e.message);
        throw new CliError(`nothing imported: ${result.errors.length} row(s) need fixing`);
      }
      console.log(`imported ${result.created} certificates${result.skipped ? ` (${result.skipped} already imported)` : ''}`);
    } else if (group === 'export') {
      const scope = await cliExportScope(app, values);
      const format = values.format === 'csv' ? 'csv' : 'xlsx';
      const files = await writeExport(app, scope, format, drawProgress, values.out);
      process.stderr.write('\n');
      for (const file of files) console.log(file);
    } else if (group === 'setup' && action === 'load') {
      if (!arg) throw new CliError('setup load needs a FILE');
      const result = await applySetup(app, JSON.parse(await readFile(arg, 'utf8')));
      console.log(`setup applied: ${result.people} people, ${result.sessions} new sessions`);
    } else {
      throw new CliError(USAGE);
    }
  } finally {
    await bot.stop();
    await jobs.close();
    await database.close();
  }
}

try {
  await main(process.argv.slice(2));
} catch (error) {
  const { UserError } = await import('../core/errors.ts');
  const { createTranslator } = await import('../bot/messages.ts');
  if (error instanceof CliError) console.error(error.message);
  else if (error instanceof UserError) console.error(createTranslator('zh-CN')(error.key, error.params));
  else console.error(error);
  process.exit(1);
}
