/** Vietnam's working calendar: default holidays (holidays.ts), admin overrides (working-calendar.ts), explained dues (explain.ts). */
export * from './holidays.js';
export * from './working-calendar.js';
export * from './explain.js';
export { jdFromDate, jdToIso, lunarNewYear, lunarToSolar, VN_TIME_ZONE } from './lunar.js';
