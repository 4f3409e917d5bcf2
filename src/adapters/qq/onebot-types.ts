// The OneBot v11 wire shapes we use (botuniverse/onebot-11, as NapCatQQ serves them).

/** One message segment: `text{text}`, `at{qq}`, `reply{id}`, `image{file,url}`, `file{file,name,file_id}`, … */
export interface Segment {
  type: string;
  data: Record<string, string | number | undefined>;
}

export interface Sender {
  user_id?: number;
  nickname?: string;
  card?: string;
  role?: 'owner' | 'admin' | 'member';
}

export interface MessageEvent {
  post_type: 'message' | 'message_sent';
  message_type: 'group' | 'private';
  sub_type?: string;
  time: number;
  self_id: number;
  message_id: number | string;
  user_id: number;
  group_id?: number;
  /** NapCat adds the group's name to group messages. */
  group_name?: string;
  sender?: Sender;
  /** A segment array, or a CQ-code string when the implementation posts strings. */
  message: Segment[] | string;
  raw_message?: string;
}

export interface NoticeEvent {
  post_type: 'notice';
  notice_type: string;
  sub_type?: string;
  time: number;
  self_id: number;
  group_id?: number;
  user_id?: number;
}

export interface MetaEvent {
  post_type: 'meta_event';
  meta_event_type: 'lifecycle' | 'heartbeat';
  sub_type?: string;
  time: number;
  self_id: number;
  /** heartbeat: milliseconds to the next one, and whether the QQ account is online. */
  interval?: number;
  status?: { online?: boolean; good?: boolean };
}

export interface RequestEvent {
  post_type: 'request';
  request_type: 'friend' | 'group';
  time: number;
  self_id: number;
  user_id?: number;
  /** What set_friend_add_request / set_group_add_request take to answer it. */
  flag: string;
}

export type OneBotEvent = MessageEvent | NoticeEvent | MetaEvent | RequestEvent;

/** The answer to an action: `ok`/`async`, or `failed` with a retcode (1400 bad request, 1404 no such action, others the implementation's). */
export interface ActionResponse {
  status: 'ok' | 'async' | 'failed';
  retcode: number;
  data: unknown;
  message?: string;
  wording?: string;
  echo?: unknown;
}

export interface GroupMember {
  group_id: number;
  user_id: number;
  nickname: string;
  card?: string;
  role?: string;
}
