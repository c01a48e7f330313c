export * from './topics.js';
export * from './deadlines.js';
export * from './status.js';
export * from './routing.js';
export * from './public-text.js';
export * from './code.js';
