// What the bot says when a message is about a command rather than the command itself.
export const understanding = {
  'understanding.about': '{summary}: send 「{usage}」. Send 「help」 for everything I can do.',
  'understanding.aboutBot': 'I am the training assistant: check-in, leave, training hours, notice confirmations and more. Send 「help」 for everything I can do.',
  'understanding.hint': 'Did you mean 「{word}」? Please send 「{word}」.',
  'understanding.readingAction': ' ({action}: {name})',
  'understanding.didYouMean': 'Did you mean {names}? Reply 「是」 to confirm{reading}.',
} as const;
