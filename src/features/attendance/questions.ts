// Questions about checking in that get one line from what the bot knows, even when the bot was not
// addressed: the code is never told (it is on the screen or with the tutor), and a trainee who forgot
// to check in hears how to ask for 补签 while a tutor hears how to record it.
import type { QuestionAnswer } from '../../app/command.ts';

/** 「口令是多少」「签到码在哪看」「看不到口令」「口令过期了怎么办」 — not 「动态口令是什么意思」. */
const ASKS_CODE = /(?:口令|签到码)[^，,。！!]{0,4}(?:多少|几|啥|什么(?!意思)|在哪|哪里|哪儿|发一下|给一下|过期)|(?:没看到|看不到|看不见|找不到|不知道)[^，,。！!]{0,3}(?:口令|签到码)/;

/** 「我忘记签到了怎么办」「刚才没签上怎么补」「怎么补签」. */
const ASKS_MAKEUP = /(?:忘(?:记|了)?|没|漏)(?:签到|签上|签)[^，,。！!]{0,6}(?:怎么办|咋办|怎么弄|怎么补|如何补|怎么处理)|(?:怎么|如何|咋)(?:申请)?补签|补签(?:怎么|如何|咋)(?:弄|办|申请|操作)/;

export const codeQuestion: QuestionAnswer = {
  asks: ASKS_CODE,
  async answer({ app, binding }) {
    if (!binding?.classId) return null;
    const found = await app.batched.openSession([binding.classId], app.clock.now());
    const session = found?.open;
    if (session?.codeSecret) return app.t('question.rotatingCode', { seconds: session.codeStepSeconds ?? 60 });
    if (session?.code) return app.t('question.fixedCode');
    return null;
  },
};

export const makeupQuestion: QuestionAnswer = {
  asks: ASKS_MAKEUP,
  async answer({ app, actor, binding }) {
    const classId = binding?.classId ?? null;
    const tutor = actor.grants.some((g) => g.role === 'ADMIN' || g.role === 'COUNTY_CONTACT' || (g.role === 'TUTOR' && (classId === null || g.classId === classId)));
    return app.t(tutor ? 'question.makeupTutor' : 'question.makeupTrainee');
  },
};
