import type { MessageKey } from '../../../../i18n/index.ts';

// What help shows for the roster commands: usage and a one-line summary.
export const rosterCommands = {
  'commands.bind.usage': '绑定 name last-4-digits [school]',
  'commands.bind.summary': 'link your chat account to yourself in the roster; tutors may 「绑定 @someone name digits」',
  'commands.bindGroup.usage': '绑定班级 class-name',
  'commands.bindGroup.summary': 'link this group to a class',
  'commands.createClass.usage': '创建班级 class-name [project]',
  'commands.createClass.summary': 'create a class; you become its tutor (in a group, the group is linked too)',
  'commands.bindSchoolGroup.usage': '绑定学校 [school]',
  'commands.bindSchoolGroup.summary': "school contacts make this group their school's teacher group (opening notices come here)",
  'commands.rosterCheck.usage': '核对名单',
  'commands.rosterCheck.summary': 'compare the roster with the group: who is missing, unlinked, or not on the roster (sent privately)',
} satisfies Partial<Record<MessageKey, string>>;
