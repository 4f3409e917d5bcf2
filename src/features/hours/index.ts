// 学时 Hours: the ledger, accreditation (认定), hours recorded by hand, learning logs (研修日志), certificate import.

export { accreditHoursCommand } from './commands/accredit-hours.ts';
export { hoursCommand } from './commands/hours.ts';
export { logRequirementCommand } from './commands/log-requirement.ts';
export { recordHoursCommand } from './commands/record-hours.ts';
export { rejectHoursCommand } from './commands/reject-hours.ts';
export { writeLogCommand } from './commands/write-log.ts';
