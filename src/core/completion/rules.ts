import { z } from 'zod';

// Completion rules are data: a project may set them for all its classes, a class for itself; what
// neither says comes from the defaults below (the common policy wording 「缺勤超过 1/5 不予结业」, every
// assignment handed in, the satisfaction survey answered).

export const completionRulesSchema = z.object({
  /** The share of planned sessions a trainee must attend, 0–1 (0.8: missing more than 1/5 fails). */
  minAttendance: z.number().min(0).max(1).optional(),
  /** How approved leave counts: as a missed session ('missed') or as attended ('excused'). */
  leave: z.enum(['missed', 'excused']).optional(),
  /** Assignments that must be handed in: 'all', or at least this many. */
  assignments: z.union([z.literal('all'), z.number().int().min(0)]).optional(),
  /** Learning logs (研修日志) a trainee must have written in the class. */
  minLogs: z.number().int().min(0).optional(),
  /** Whether the class's satisfaction survey must be answered. */
  survey: z.boolean().optional(),
});

export type CompletionRules = Required<z.infer<typeof completionRulesSchema>>;

export const DEFAULT_COMPLETION_RULES: CompletionRules = { minAttendance: 0.8, leave: 'missed', assignments: 'all', minLogs: 0, survey: true };

/** The rules in force: the class's own over the project's over the defaults; a malformed layer is ignored. */
export function resolveRules(...layers: unknown[]): CompletionRules {
  let rules = { ...DEFAULT_COMPLETION_RULES };
  for (const layer of layers) {
    const parsed = completionRulesSchema.safeParse(layer ?? {});
    if (parsed.success) rules = { ...rules, ...Object.fromEntries(Object.entries(parsed.data).filter(([, v]) => v !== undefined)) };
  }
  return rules;
}

/** How many sessions of `planned` may be missed under the rule (missing more fails). */
export function allowedMisses(planned: number, minAttendance: number): number {
  return Math.max(0, Math.floor(planned * (1 - minAttendance) + 1e-9));
}
