// 作业 Assignments: setting, submitting, the board, accepting and returning work.

export { acceptSubmissionCommand } from './commands/accept-submission.ts';
export { assignmentBoardCommand } from './commands/assignment-board.ts';
export { createAssignmentCommand } from './commands/create-assignment.ts';
export { myAssignmentsCommand } from './commands/my-assignments.ts';
export { returnSubmissionCommand } from './commands/return-submission.ts';
export { submitAssignmentCommand } from './commands/submit-assignment.ts';
