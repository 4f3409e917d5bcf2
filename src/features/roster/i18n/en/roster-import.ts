import type { MessageKey } from '../../../../i18n/index.ts';

export const rosterImport = {
  'roster.schoolOutsideProject': 'the school is in {county}, outside the project of 「{className}」; an admin must import it',
  'roster.personElsewhere': 'phone {phone} belongs to a teacher of another county and cannot be enrolled in 「{className}」 by you; check with that county, or ask an admin to import it',
  'roster.field.name': 'name',
  'roster.field.school': 'school',
  'roster.field.subject': 'subject',
  'roster.field.stage': 'stage',
  'roster.differencesTitle': '{count} teachers are on record with other details (record on the left, file on the right):',
  'roster.decision.update': 'updated from the file',
  'roster.decision.choice': 'update from the file (only when ticked; otherwise the record stays)',
  'roster.decision.choiceKept': 'record kept (not ticked)',
  'roster.decision.forContact': "record kept: a tutor's import only adds enrolments and never changes a teacher on record. After the import the difference is listed for a county contact or an admin to check and apply",
  'roster.decision.outsideScope': 'record kept: this person is outside your scope, only the enrolment is added. After the import the difference is listed for a county contact or an admin to check and apply',
  'roster.decision.holdsRole': 'record kept: this person holds a role (tutor, contact …), which an import never changes',
  'roster.fromElsewhere': 'line(s) {lines}: the teacher is on record in another county; as an admin, confirming enrols them.',
  'roster.imported': 'Enrolled {persons} teachers; {schools} new schools.',
  'roster.updatedCount': 'Updated the details of {count} teachers from the file.',
  'roster.keptCount': '{count} teachers differ from the file; their records were kept.',
  'correctionQueue.notFound': 'That correction has been dealt with already, or is outside your scope.',
} satisfies Partial<Record<MessageKey, string>>;
