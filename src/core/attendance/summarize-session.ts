// What happened at a session, once it closes: who came, who was late, who had leave, who was absent.

export type FinalStatus = 'PRESENT' | 'LATE' | 'LEAVE' | 'ABSENT';

export interface Attendee {
  personId: number;
  name: string;
}

export interface AttendanceInput {
  enrolled: Attendee[];
  checkIns: { personId: number; status: 'PRESENT' | 'LATE' | 'LEAVE' | 'ABSENT' }[];
  leaves: { personId: number; status: 'PENDING' | 'APPROVED' | 'REJECTED' }[];
}

export interface AttendanceOutcome {
  /** The final status of every enrolled trainee. */
  finalStatus: Map<number, FinalStatus>;
  present: Attendee[];
  late: Attendee[];
  leave: Attendee[];
  absent: Attendee[];
  /** Absent trainees whose leave request was never decided. */
  absentWithPendingLeave: Attendee[];
}

/** Resolves the final attendance of a session: a check-in wins, then approved leave, else absent. */
export function summarizeAttendance(input: AttendanceInput): AttendanceOutcome {
  const checkIn = new Map(input.checkIns.map((c) => [c.personId, c.status]));
  const leave = new Map(input.leaves.map((l) => [l.personId, l.status]));
  const outcome: AttendanceOutcome = { finalStatus: new Map(), present: [], late: [], leave: [], absent: [], absentWithPendingLeave: [] };
  const byName = [...input.enrolled].sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
  for (const person of byName) {
    const recorded = checkIn.get(person.personId);
    let status: FinalStatus;
    if (recorded === 'PRESENT' || recorded === 'LATE') status = recorded;
    else if (recorded === 'LEAVE' || leave.get(person.personId) === 'APPROVED') status = 'LEAVE';
    else status = 'ABSENT';
    outcome.finalStatus.set(person.personId, status);
    if (status === 'PRESENT') outcome.present.push(person);
    else if (status === 'LATE') outcome.late.push(person);
    else if (status === 'LEAVE') outcome.leave.push(person);
    else {
      outcome.absent.push(person);
      if (leave.get(person.personId) === 'PENDING') outcome.absentWithPendingLeave.push(person);
    }
  }
  return outcome;
}
