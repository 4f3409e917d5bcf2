import type { Db } from '../../src/db/client.ts';

/** Row counts of every table a command could change (inbound messages excluded: they are always kept). */
export async function domainState(db: Db): Promise<Record<string, number>> {
  const [persons, identities, grants, enrolments, chats, sessions, checkIns, leaves, hours, audit, schools, classes] = await Promise.all([
    db.person.count(),
    db.identity.count(),
    db.roleGrant.count(),
    db.enrolment.count(),
    db.groupChat.count(),
    db.trainingSession.count(),
    db.checkIn.count(),
    db.leaveRequest.count(),
    db.hourRecord.count(),
    db.auditLog.count(),
    db.school.count(),
    db.trainingClass.count(),
  ]);
  return { persons, identities, grants, enrolments, chats, sessions, checkIns, leaves, hours, audit, schools, classes };
}
