import type { App } from '../app/app.ts';
import { unscheduleSessionJobs } from '../features/attendance/sessions.ts';
import { DEMO_PERSONAS, roomGroupId, roomPersonaId } from './demo-rooms.ts';

// The database side of a demo room: one sandbox class 演示班<n> in the shared 演示项目 (演示县,
// 演示小学), its tutor and six trainees (sandbox persons with numbers no phone can have), their
// playground accounts and the room's group. A room handed to a new visitor is wiped first, so the
// sandbox never holds more than the rooms' classes and the last visitor's sessions in each.

/** The phone of persona `index` in room `slot`: 10… is no mobile prefix, so it can never be anyone's. */
const demoPhone = (slot: number, index: number) => `10${String(slot).padStart(5, '0')}${String(index).padStart(4, '0')}`;

let queue: Promise<unknown> = Promise.resolve();

/**
 * Makes room `slot` ready for a visitor and returns its class id: created on first use, its sessions,
 * check-ins, leave, hours, messages and deliveries removed when `wipe` is set. Calls run one at a time
 * (they share the county, school and project rows).
 */
export function prepareDemoRoom(app: App, slot: number, wipe: boolean): Promise<number> {
  const next = queue.then(() => ensureRoom(app, slot, wipe));
  queue = next.catch(() => undefined);
  return next;
}

async function ensureRoom(app: App, slot: number, wipe: boolean): Promise<number> {
  const db = app.db;
  const county = (await db.region.findFirst({ where: { name: '演示县', level: 'COUNTY', parentId: null } })) ?? (await db.region.create({ data: { name: '演示县', level: 'COUNTY' } }));
  const school = await db.school.upsert({ where: { regionId_name: { regionId: county.id, name: '演示小学' } }, create: { regionId: county.id, name: '演示小学' }, update: {} });
  const project = await db.project.upsert({ where: { name: '演示项目' }, create: { name: '演示项目', level: 'COUNTY', year: app.clock.now().getUTCFullYear(), regionId: county.id }, update: {} });
  const name = `演示班${slot}`;
  const cls = await db.trainingClass.upsert({ where: { projectId_name: { projectId: project.id, name } }, create: { name, projectId: project.id, sandbox: true }, update: { sandbox: true } });
  const personIds: number[] = [];
  for (const [i, persona] of DEMO_PERSONAS.entries()) {
    const phone = demoPhone(slot, i);
    const person = await db.person.upsert({ where: { phone }, create: { name: persona.name, phone, phoneLast4: phone.slice(-4), schoolId: school.id, sandbox: true }, update: { sandbox: true } });
    personIds.push(person.id);
    const platformUserId = roomPersonaId(slot, persona.id);
    await db.identity.upsert({
      where: { platform_platformUserId: { platform: 'playground', platformUserId } },
      create: { platform: 'playground', platformUserId, displayName: persona.name, personId: person.id },
      update: { personId: person.id },
    });
    if (persona.tutor) {
      const grant = await db.roleGrant.findFirst({ where: { personId: person.id, role: 'TUTOR', classId: cls.id } });
      if (!grant) await db.roleGrant.create({ data: { personId: person.id, role: 'TUTOR', classId: cls.id } });
    } else {
      await db.enrolment.upsert({ where: { classId_personId: { classId: cls.id, personId: person.id } }, create: { classId: cls.id, personId: person.id }, update: {} });
    }
  }
  const chatId = roomGroupId(slot);
  await db.groupChat.upsert({
    where: { platform_chatId: { platform: 'playground', chatId } },
    create: { platform: 'playground', chatId, title: '演示班群', scope: 'CLASS', classId: cls.id },
    update: { classId: cls.id, scope: 'CLASS', schoolId: null, regionId: null },
  });
  if (wipe) await wipeRoom(app, cls.id, personIds, [chatId, ...DEMO_PERSONAS.map((p) => roomPersonaId(slot, p.id))]);
  return cls.id;
}

/** Removes what an earlier visitor left in a room: sessions (and their jobs), check-ins, leave, hours, messages, deliveries. */
async function wipeRoom(app: App, classId: number, personIds: number[], chatIds: string[]): Promise<void> {
  const sessions = await app.db.trainingSession.findMany({ where: { classId }, select: { id: true } });
  for (const s of sessions) await unscheduleSessionJobs(app, s.id);
  const sessionIds = sessions.map((s) => s.id);
  await app.db.$transaction([
    app.db.checkIn.deleteMany({ where: { OR: [{ sessionId: { in: sessionIds } }, { personId: { in: personIds } }] } }),
    app.db.leaveRequest.deleteMany({ where: { OR: [{ sessionId: { in: sessionIds } }, { personId: { in: personIds } }] } }),
    app.db.hourRecord.deleteMany({ where: { personId: { in: personIds } } }),
    app.db.trainingSession.deleteMany({ where: { classId } }),
    app.db.inboundMessage.deleteMany({ where: { platform: 'playground', chatId: { in: chatIds } } }),
    app.db.delivery.deleteMany({ where: { platform: 'playground', chatId: { in: chatIds } } }),
  ]);
}
