// 结业 Completion: the rules as data, each trainee's standing live during the class, the warning
// before the last allowed absence.

export { completionStatusCommand } from './commands/completion-status.ts';
export { myCompletionCommand } from './commands/my-completion.ts';
