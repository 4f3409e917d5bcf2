// 名单 Roster: classes, roster import, binding people and groups (绑定), roster check (核对名单), setup files, welcomes, WeChat re-login recovery.

export { bindCommand } from './commands/bind.ts';
export { bindGroupCommand } from './commands/bind-group.ts';
export { bindSchoolGroupCommand } from './commands/bind-school-group.ts';
export { createClassCommand } from './commands/create-class.ts';
export { rosterCheckCommand } from './commands/roster-check.ts';
