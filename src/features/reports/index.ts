// 统计 Reports: statistics, exports and the daily digest.

export { exportCommand } from './commands/export.ts';
export { statisticsCommand } from './commands/statistics.ts';
