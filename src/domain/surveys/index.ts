export * from './model.js';
export * from './results.js';
export * from './sipas.js';
