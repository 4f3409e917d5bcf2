import type { Actor, ChatBinding } from '../app/actor.ts';
import type { Command } from '../app/command.ts';
import { SANDBOX_COMMANDS } from '../features/access/sandbox-commands.ts';
import { sandboxGrants } from '../core/permissions.ts';
import type { Db } from '../db/client.ts';
import type { MessageKey } from '../i18n/index.ts';

/**
 * Decides what a demo persona may do, whatever route its message came by: a command outside the
 * demo's allowlist or a group outside the sandbox is refused; otherwise the persona keeps only its
 * grants and enrolments in sandbox classes (a grant it somehow got in a real class counts for
 * nothing). Anyone who is not a demo persona passes unchanged, without a query.
 */
export async function confineSandbox(db: Db, command: Pick<Command, 'id'>, actor: Actor, binding: ChatBinding | null): Promise<{ refusal: MessageKey } | { actor: Actor }> {
  if (!actor.sandbox) return { actor };
  if (!SANDBOX_COMMANDS.has(command.id)) return { refusal: 'demo.commandNotInDemo' };
  if (binding && !binding.sandbox) return { refusal: 'demo.outsideDemo' };
  const classIds = [...new Set([...actor.grants.flatMap((g) => (g.classId === null ? [] : [g.classId])), ...actor.enrolledClassIds])];
  const sandbox = classIds.length ? await db.trainingClass.findMany({ where: { id: { in: classIds }, sandbox: true }, select: { id: true } }) : [];
  const ids = new Set(sandbox.map((c) => c.id));
  return { actor: { ...actor, grants: sandboxGrants(actor.grants, ids), enrolledClassIds: actor.enrolledClassIds.filter((id) => ids.has(id)) } };
}
