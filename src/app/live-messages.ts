import type { Db } from '../db/client.ts';

/** A message the bot edits in place, as the platform shows it now. */
export interface StoredLiveMessage {
  messageId: string;
  /** Its text and buttons as last sent. */
  content: string;
}

/** Where an adapter keeps its live messages' ids, so that after a restart it edits them instead of posting copies. */
export interface LiveMessageStore {
  get(chatId: string, key: string): Promise<StoredLiveMessage | null>;
  put(chatId: string, key: string, message: StoredLiveMessage): Promise<void>;
  forget(chatId: string, key: string): Promise<void>;
}

/** The live messages of one platform, in the database. */
export function liveMessageStore(db: Db, platform: string): LiveMessageStore {
  return {
    get: (chatId, key) => db.liveMessage.findUnique({ where: { platform_chatId_key: { platform, chatId, key } }, select: { messageId: true, content: true } }),
    put: async (chatId, key, { messageId, content }) => {
      await db.liveMessage.upsert({ where: { platform_chatId_key: { platform, chatId, key } }, create: { platform, chatId, key, messageId, content }, update: { messageId, content } });
    },
    forget: async (chatId, key) => {
      await db.liveMessage.deleteMany({ where: { platform, chatId, key } });
    },
  };
}
