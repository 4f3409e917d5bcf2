// Satisfaction surveys (满意度): parsing a trainee's scores and computing the rate. Pure.

/** A respondent counts as satisfied when the average of their scores is at least this (4 = 满意). */
export const SATISFIED_AVERAGE = 4;

/**
 * 「5 4 5 5 内容很实用」 or 「5455 很好」 → one score per item (1–5) and the comment; null when the
 * scores do not fit (wrong count, outside 1–5).
 */
export function parseScores(text: string, items: number): { scores: number[]; comment: string } | null {
  const trimmed = text.trim();
  const spaced = /^((?:[1-5][\s,，、/]*)+)(.*)$/su.exec(trimmed);
  if (!spaced) return null;
  const scores = [...spaced[1]!.replace(/[^1-5]/g, '')].map(Number);
  if (scores.length !== items) return null;
  return { scores, comment: spaced[2]!.trim() };
}

export interface SatisfactionResult {
  respondents: number;
  /** Share of respondents whose average score is 4 or more, 0–100; null with no respondents. */
  rate: number | null;
  /** The average score of each item. */
  itemAverages: number[];
}

const round1 = (n: number) => Math.round(n * 10) / 10;

export function satisfaction(responses: { scores: number[] }[], items: number): SatisfactionResult {
  if (responses.length === 0) return { respondents: 0, rate: null, itemAverages: Array.from({ length: items }, () => 0) };
  const satisfied = responses.filter((r) => r.scores.reduce((s, x) => s + x, 0) / r.scores.length >= SATISFIED_AVERAGE).length;
  return {
    respondents: responses.length,
    rate: round1((satisfied / responses.length) * 100),
    itemAverages: Array.from({ length: items }, (_, i) => round1(responses.reduce((s, r) => s + (r.scores[i] ?? 0), 0) / responses.length)),
  };
}
