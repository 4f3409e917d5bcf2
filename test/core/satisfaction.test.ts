import { describe, expect, it } from 'vitest';
import { parseScores, satisfaction } from '../../src/core/survey/satisfaction.ts';

describe('satisfaction scores', () => {
  it('when scores come spaced, run together or with full-width commas the comment is what follows', () => {
    expect(parseScores('5 4 5 5 内容很实用', 4)).toEqual({ scores: [5, 4, 5, 5], comment: '内容很实用' });
    expect(parseScores('5455', 4)).toEqual({ scores: [5, 4, 5, 5], comment: '' });
    expect(parseScores('5，4，3，5 希望多些案例', 4)).toEqual({ scores: [5, 4, 3, 5], comment: '希望多些案例' });
  });
  it('when the count is wrong or a score is outside 1–5 nothing is accepted', () => {
    expect(parseScores('5 4 5', 4)).toBeNull();
    expect(parseScores('5 4 5 5 5', 4)).toBeNull();
    expect(parseScores('6 4 5 5', 4)).toBeNull();
    expect(parseScores('很好', 4)).toBeNull();
  });
  it('when four of five respondents average 4 or more the rate is exactly 80%', () => {
    const r = satisfaction([{ scores: [5, 5, 5, 5] }, { scores: [4, 4, 4, 4] }, { scores: [4, 4, 4, 5] }, { scores: [5, 3, 4, 4] }, { scores: [3, 3, 3, 4] }], 4);
    expect(r).toEqual({ respondents: 5, rate: 80, itemAverages: [4.2, 3.8, 4, 4.4] });
  });
  it('when nobody answered there is no rate', () => {
    expect(satisfaction([], 4).rate).toBeNull();
  });
});
