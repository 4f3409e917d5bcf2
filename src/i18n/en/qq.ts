export const qq = {
  'qq.offline': '⚠️ The bot lost its connection to QQ (NapCat) and keeps reconnecting. If it stays down, check that NapCat runs on the server and whether QQ needs a new login.',
  'qq.backOnline': '✅ The bot is connected to QQ again.',
  'qq.riskControl': '⚠️ QQ is holding the bot back (risk control); it tries again in about {minutes} minutes. Queued messages are kept — none is lost or sent twice.',
  'qq.riskControlOver': '✅ QQ accepts messages again; the queued ones are going out.',
  'qq.tokenRefused': '⚠️ QQ (NapCat) refuses the bot’s access token, so it cannot connect. Check that ONEBOT_ACCESS_TOKEN equals the token in NapCat’s network settings; the bot connects by itself once it does.',
  'qq.addFriend': 'The bot cannot write to you privately, so the reply did not reach you. Please add the bot as a QQ friend and send it again.',
} as const;
