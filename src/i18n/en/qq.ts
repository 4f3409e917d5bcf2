export const qq = {
  'qq.offline': '⚠️ The bot lost its connection to QQ (NapCat) and keeps reconnecting. If it stays down, check that NapCat runs on the server and whether QQ needs a new login.',
  'qq.backOnline': '✅ The bot is connected to QQ again.',
  'qq.riskControl': '⚠️ QQ is holding the bot back (risk control); it tries again in about {minutes} minutes. Queued messages are kept — none is lost or sent twice.',
  'qq.riskControlOver': '✅ QQ accepts messages again; the queued ones are going out.',
} as const;
