import { readFile } from 'node:fs/promises';
import readline from 'node:readline';
import { applySetup } from '../../features/roster/setup.ts';
import type { Bot } from '../../bot/create-bot.ts';
import type { InboundMessage } from '../../core/message.ts';
import { extractTextMentions } from '../../core/text/mentions.ts';

const HELP = `研修助手 playground — 在终端里模拟群聊
  /as 姓名        切换发言人（例如 /as 张三）
  /group 群名     切换到某个群（例如 /group 数学1班群）
  /private        切换到与机器人的私聊
  /setup 文件     载入设置文件（例如 /setup examples/setup.json）
  /quit           退出
其余输入都会作为当前发言人的消息发出，例如：帮助、签到、绑定 张三 1234`;

/** An interactive terminal chat: choose who you are and which group, then talk to the bot. */
export async function runConsole(bot: Bot, input: NodeJS.ReadableStream = process.stdin, output: NodeJS.WritableStream = process.stdout): Promise<void> {
  const rl = readline.createInterface({ input, output, terminal: Boolean((input as { isTTY?: boolean }).isTTY) });
  let me = { id: 'admin', name: '管理员' };
  let chat: InboundMessage['chat'] = { platform: 'playground', id: '演示群', kind: 'group', title: '演示群' };
  let sequence = 0;
  const names = new Map<string, string>();
  const prompt = () => {
    rl.setPrompt(`[${chat.kind === 'group' ? chat.title : '私聊'}] ${me.name}> `);
    rl.prompt();
  };
  output.write(`${HELP}\n`);
  prompt();
  for await (const raw of rl) {
    const line = raw.trim();
    try {
      if (line === '/quit' || line === '/exit') break;
      else if (line.startsWith('/as ')) {
        const name = line.slice(4).trim();
        // Speak as an account the setup file bound (e.g. 李老师 → tutor-li), or as a new one.
        const bound = await bot.app.db.identity.findFirst({ where: { platform: 'playground', OR: [{ displayName: name }, { person: { name } }] } });
        me = { id: bound?.platformUserId ?? `u-${name}`, name };
        names.set(name, me.id);
      } else if (line.startsWith('/group ')) {
        const title = line.slice(7).trim();
        chat = { platform: 'playground', id: title, kind: 'group', title };
      } else if (line === '/private') {
        chat = { platform: 'playground', id: me.id, kind: 'private', title: me.name };
      } else if (line.startsWith('/setup ')) {
        const result = await applySetup(bot.app, JSON.parse(await readFile(line.slice(7).trim(), 'utf8')));
        output.write(`已载入：${result.people} 人，${result.sessions} 个新课次\n`);
      } else if (line === '/?') {
        output.write(`${HELP}\n`);
      } else if (line) {
        if (chat.kind === 'private') chat = { ...chat, id: me.id, title: me.name };
        const { names: mentioned } = extractTextMentions(line);
        await bot.handler.handle({
          chat,
          sender: me,
          text: line,
          mentions: mentioned.filter((n) => n !== bot.app.config.botName).map((n) => ({ id: names.get(n) ?? `u-${n}`, name: n })),
          addressedToBot: mentioned.includes(bot.app.config.botName),
          attachments: [],
          messageId: `console-${Date.now()}-${++sequence}`,
          sentAt: bot.app.clock.now(),
        });
      }
    } catch (error) {
      output.write(`出错了：${error instanceof Error ? error.message : String(error)}\n`);
    }
    prompt();
  }
  rl.close();
}

/** Renders a sent message for the terminal. */
export function renderForConsole(record: { chat: string; kind: string; title?: string; text: string; mentions?: string[]; files?: { name: string; path?: string }[] }): string {
  const where = record.kind === 'private' ? `私聊 ${record.title ?? record.chat}` : (record.title ?? record.chat);
  const mentions = record.mentions?.length ? `${record.mentions.map((m) => `@${m}`).join(' ')} ` : '';
  const files = (record.files ?? []).map((f) => `\n      📎 ${f.path ?? f.name}`).join('');
  return `\n  ⟵ [${where}] 研修助手: ${mentions}${record.text.split('\n').join('\n      ')}${files}\n`;
}
