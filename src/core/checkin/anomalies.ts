// Check-ins worth a tutor's second look. They never block a check-in; they are named on the summary.

/** A check-in "follows a post" when it comes within this many seconds after the code appeared in the group… */
export const BURST_WINDOW_SECONDS = 20;
/** …and the post is followed by at least this many check-ins of other people in that time. */
export const BURST_MIN_CHECKINS = 5;

export interface CodePost {
  /** Who posted the code (their own check-in, or any message quoting it); null when not a known person. */
  personId: number | null;
  at: Date;
}

export interface CodeCheckIn {
  personId: number;
  at: Date;
}

/**
 * The people whose check-in came in a burst after a rotating code appeared in the group: at least
 * BURST_MIN_CHECKINS others checking in by code within BURST_WINDOW_SECONDS of one such message —
 * the pattern of a code forwarded to people who are not in the room. The poster is not flagged by
 * their own post. People in the room read the screen at their own pace; a forwarded code arrives at once.
 */
export function burstFollowers(posts: CodePost[], checkIns: CodeCheckIn[]): Set<number> {
  const flagged = new Set<number>();
  const windowMs = BURST_WINDOW_SECONDS * 1000;
  for (const post of posts) {
    const t = post.at.getTime();
    const followers = checkIns.filter((c) => c.personId !== post.personId && c.at.getTime() > t && c.at.getTime() <= t + windowMs);
    if (followers.length >= BURST_MIN_CHECKINS) for (const f of followers) flagged.add(f.personId);
  }
  return flagged;
}
