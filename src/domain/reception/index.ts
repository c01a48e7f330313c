export * from './slot.js';
export * from './recurrence.js';
export * from './ics.js';
