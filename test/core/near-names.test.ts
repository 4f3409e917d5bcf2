import { describe, expect, it } from 'vitest';
import { nearNames } from '../../src/core/text/near-names.ts';

// Names typed as an input method guesses them: the roster name they may mean, asked back before acting.
describe('near names', () => {
  const roster = ['吴蕾', '王五', '张三', '欧阳娜娜', '李四'];

  it('when a name has the same sound as one on the roster (吴磊 for 吴蕾) it is that person asked back', () => {
    expect(nearNames('吴磊', roster)).toEqual(['吴蕾']);
    expect(nearNames('王午', roster)).toEqual(['王五']);
  });

  it('when a name is one character off a roster name of its length it is asked back, a compound surname too', () => {
    expect(nearNames('张二', roster)).toEqual(['张三']);
    expect(nearNames('欧阳娜妮', roster)).toEqual(['欧阳娜娜']);
  });

  it('when the name is on the roster, or like nobody on it, nothing is asked', () => {
    expect(nearNames('吴蕾', roster)).toEqual([]);
    expect(nearNames('周九', roster)).toEqual([]);
    expect(nearNames('大家都', roster)).toEqual([]);
  });
});
