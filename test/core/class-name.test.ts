import { describe, expect, it } from 'vitest';
import { classNameKey } from '../../src/core/text/class-name.ts';
import { decorationless, verbatimOf } from '../../src/core/text/understand.ts';

// A command's argument as the user wrote it keeps the brackets and quotes that belong to a name,
// and drops only those that wrap the whole message or trail it as decoration.
const argumentOf = (text: string, word: string) => verbatimOf(text, ['研修助手'], ['研修助手'], decorationless(text, ['研修助手']).text.slice(word.length).trim());

describe('class names in commands', () => {
  it('when a name carries brackets, quotes and 「·」 the argument keeps every one of them', () => {
    expect(argumentOf('绑定班级 2026国培·县级骨干教师(小学数学)1班', '绑定班级')).toBe('2026国培·县级骨干教师(小学数学)1班');
    expect(argumentOf('统计 2026年同心县中小学班主任能力提升培训（县培·第3期）', '统计')).toBe('2026年同心县中小学班主任能力提升培训（县培·第3期）');
    expect(argumentOf('绑定本群 【省培】2026年“送教下乡”培训项目·平乐县第二期🙏', '绑定本群')).toBe('【省培】2026年“送教下乡”培训项目·平乐县第二期');
    expect(argumentOf('@研修助手 创建班级 “国培计划（2026）”——骨干教师培训班【A班】', '创建班级')).toBe('“国培计划（2026）”——骨干教师培训班【A班】');
  });

  it('when brackets wrap the whole argument or trail it they stay decoration', () => {
    expect(argumentOf('请假（孩子发烧）', '请假')).toBe('孩子发烧');
    expect(argumentOf('【绑定班级 小学数学1班】', '绑定班级')).toBe('小学数学1班');
    expect(argumentOf('绑定班级 小学数学1班～～', '绑定班级')).toBe('小学数学1班');
  });

  it('when two names differ only in bracket or quote style, width or spaces they compare equal, and never when a character differs', () => {
    expect(classNameKey('“国培计划（2026）”——县级骨干教师（小学数学）1班【A班】')).toBe(classNameKey('"国培计划(2026)"--县级骨干教师(小学数学)1班 [A班]'));
    expect(classNameKey('小学数学１班')).toBe(classNameKey('小学数学1班'));
    expect(classNameKey('小学数学(1)班')).not.toBe(classNameKey('小学数学1班'));
    expect(classNameKey('小学数学1班（第一期）')).not.toBe(classNameKey('小学数学1班（第二期）'));
  });
});
