// Assignment requests as people write them (see core/text/sentence.ts): 「我还有哪些作业没交」
// 「看一下教学设计那个作业的提交情况」「陈静的作业通过了，反思部分写得好」「宋晓东的作业退回，交的是去年的教案」.
import type { InboundMessage } from '../../core/message.ts';
import { reasonOf, verbatimPart, type SentenceReader } from '../../core/text/sentence.ts';

/** Asking how or when (「作业怎么提交」「作业什么时候交」) is a question, not this request. */
const NOT_HOW = '(?!.*(?:怎么|怎样|如何|哪里|在哪|为什么|什么时候|啥时候|不会))';

/** 「@研修助手 我还有哪些作业没交」「查一下我的作业情况」「我的作业交上了没」: the trainee's own assignments. */
export const MY_ASSIGNMENTS = new RegExp(
  `^${NOT_HOW}(?:帮我|麻烦|请)?(?:查一下|查查|查下|看一下|看看|查)?我(?:的|还有|还剩|还差|有)?(?:哪些|什么|几个|几份|几项|多少)?作业(?:的)?(?:情况|完成情况|提交情况)?(?:都)?(?:还)?(?:没交|没有交|交上了|交了|提交了|交齐了|完成了)?(?:的)?(?:了|呢|吗|没|没有|啊)?$`,
);

/** 「看一下教学设计那个作业的提交情况」「作业情况发我，看看谁还没交」: the board, the title before 作业 if any. */
export const ASSIGNMENT_BOARD = new RegExp(
  // 「作业情况 教学设计」 is the command word with its argument: the words read it.
  `^${NOT_HOW}(?!(?:作业情况|作业统计|提交情况)(?![发给]))(?:帮我|麻烦)?(?:看一下|看看|查一下|查看|发一下|发下)?(?<rest>(?:(?!我)[^,，\\s])*?)(?:那个|这个|那份)?作业的?(?:提交)?(?:情况|统计)(?:发我|发一下|发给我|给我|发群里)?(?:一下|下|看看)?(?:[,，\\s].*)?$`,
);

const NAME = '[\\u3400-\\u9FFF·]{2,5}?';

/** 「陈静的作业通过了，反思部分写得好」 (or 「…的观课报告作业退回」): the trainee, the assignment's title if named, the comment. */
export function reviewSentence(verbs: string): SentenceReader {
  const shape = new RegExp(`^(?<name>${NAME})的(?<title>[^,，\\s的]{2,12}?)?作业\\s*(?:${verbs})(?:了)?(?<remark>(?:[\\s,，;；。!！]+.*)?)$`);
  return (text, raw) => {
    const m = shape.exec(text);
    if (!m?.groups) return null;
    const { name, title = '', remark = '' } = m.groups;
    const note = reasonOf(raw, [remark]);
    const lead = [name, title && verbatimPart(raw, title)].filter(Boolean).join(' ');
    return { lead, rest: note.rest, verbatim: note.verbatim };
  };
}

/** 「张三 教学设计 写得好」「@张三 图片看不清」: the trainee (the one @mentioned, else the first word), then the title if named and the comment. */
export function reviewArguments(message: InboundMessage, verbatim: string): { name?: string; remark: string } {
  const text = verbatim.trim();
  const mention = message.mentions[0]?.name;
  if (mention) return { name: mention, remark: text.replace(new RegExp(`^@?${mention.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*`), '').trim() };
  const [name, ...rest] = text.replace(/^@/, '').split(/\s+/);
  return { name: name || undefined, remark: rest.join(' ') };
}
