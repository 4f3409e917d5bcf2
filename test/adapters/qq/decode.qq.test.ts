import { describe, expect, it } from 'vitest';
import { escapeCq, formatCq, parseCq } from '../../../src/adapters/qq/cq-code.ts';
import { decodeQqMessage, type QqLookups } from '../../../src/adapters/qq/decode.ts';
import { encodeForQq } from '../../../src/adapters/qq/encode.ts';
import type { MessageEvent } from '../../../src/adapters/qq/onebot-types.ts';
import { parseConfig } from '../../../src/config.ts';

// The two OneBot v11 message formats, CQ escaping, and what QQ configuration turns on.

const lookups: QqLookups = {
  selfId: '10000',
  groupTitle: async () => '小学数学1班群',
  memberName: async (_g, id) => (id === '2002' ? '李四' : undefined),
  isOwnMessage: async (id) => id === '777',
};
const event = (message: MessageEvent['message'], extra: Partial<MessageEvent> = {}): MessageEvent => ({
  post_type: 'message',
  message_type: 'group',
  time: 0,
  self_id: 10000,
  message_id: 1,
  user_id: 2001,
  group_id: 70012345,
  sender: { nickname: '三哥', card: '张三' },
  message,
  ...extra,
});

describe('OneBot v11 messages', () => {
  it('when a CQ-code string carries escaped brackets, commas and ampersands they come back as the member typed them', () => {
    expect(parseCq('[CQ:at,qq=10000] 作业&#91;一&#93; A&amp;B [CQ:image,file=a&#44;b.jpg,url=https://x/y?a=1&amp;b=2]')).toEqual([
      { type: 'at', data: { qq: '10000' } },
      { type: 'text', data: { text: ' 作业[一] A&B ' } },
      { type: 'image', data: { file: 'a,b.jpg', url: 'https://x/y?a=1&b=2' } },
    ]);
    const segments = [{ type: 'text', data: { text: '[通知] 8:30, 带教材 & 笔' } }, { type: 'at', data: { qq: '2001' } }];
    expect(formatCq(segments)).toBe('&#91;通知&#93; 8:30, 带教材 &amp; 笔[CQ:at,qq=2001]');
    expect(parseCq(formatCq(segments))).toEqual(segments);
    expect(escapeCq('a,b', true)).toBe('a&#44;b');
  });

  it('when the same message comes as segments or as a CQ string it decodes the same: addressed by an at of the bot, others as mentions, the card as the name', async () => {
    const fromArray = await decodeQqMessage(event([{ type: 'at', data: { qq: '10000' } }, { type: 'text', data: { text: ' 准假 ' } }, { type: 'at', data: { qq: '2002' } }]), lookups, new Date(0));
    const fromString = await decodeQqMessage(event('[CQ:at,qq=10000] 准假 [CQ:at,qq=2002]'), lookups, new Date(0));
    expect(fromString).toEqual(fromArray);
    expect(fromArray).toMatchObject({ chat: { platform: 'qq', id: '70012345', kind: 'group', title: '小学数学1班群' }, sender: { id: '2001', name: '张三' }, text: '准假', addressedToBot: true, mentions: [{ id: '2002', name: '李四' }] });
  });

  it('when a member replies to the bot, or writes privately, the bot is addressed; the bot’s own messages are not decoded', async () => {
    expect((await decodeQqMessage(event('[CQ:reply,id=777]收到'), lookups, new Date(0)))?.addressedToBot).toBe(true);
    expect((await decodeQqMessage(event('[CQ:reply,id=778]收到'), lookups, new Date(0)))?.addressedToBot).toBe(false);
    expect(await decodeQqMessage(event('学时', { message_type: 'private', group_id: undefined }), lookups, new Date(0))).toMatchObject({ chat: { id: '2001', kind: 'private' }, addressedToBot: true });
    expect(await decodeQqMessage(event('签到', { user_id: 10000 }), lookups, new Date(0))).toBeNull();
  });

  it('when the bot mentions people in a group each becomes a real at segment before the text; privately there are none', () => {
    const chat = { platform: 'qq' as const, id: '70012345', kind: 'group' as const };
    expect(encodeForQq({ chat, text: '还有 2 人未签到', mentions: [{ id: '2005', name: '钱七' }, { id: '2006', name: '孙八' }] })[0]!.segments).toEqual([
      { type: 'at', data: { qq: '2005' } },
      { type: 'text', data: { text: ' ' } },
      { type: 'at', data: { qq: '2006' } },
      { type: 'text', data: { text: ' ' } },
      { type: 'text', data: { text: '还有 2 人未签到' } },
    ]);
    expect(encodeForQq({ chat: { ...chat, kind: 'private' }, text: '学时', mentions: [{ id: '2005', name: '钱七' }] })[0]!.segments).toEqual([{ type: 'text', data: { text: '学时' } }]);
  });

  it('when QQ is configured the forward connection is the default, reverse with a port, and a missing token is refused without echoing secrets', () => {
    expect(parseConfig({ QQ: 'on', ONEBOT_ACCESS_TOKEN: 'secret-token-1' }).qq).toEqual({ connection: { kind: 'forward', url: 'ws://127.0.0.1:3001' }, accessToken: 'secret-token-1' });
    expect(parseConfig({ ONEBOT_REVERSE_PORT: '8095', ONEBOT_ACCESS_TOKEN: 'secret-token-1' }).qq?.connection).toEqual({ kind: 'reverse', host: '127.0.0.1', port: 8095 });
    expect(parseConfig({}).qq).toBeUndefined();
    expect(() => parseConfig({ QQ: 'on' })).toThrow(/ONEBOT_ACCESS_TOKEN/);
    expect(() => parseConfig({ QQ: 'on', ONEBOT_ACCESS_TOKEN: 'has space inside' })).toThrow(/got a hidden value/);
  });
});
