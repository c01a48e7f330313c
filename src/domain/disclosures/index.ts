export * from './categories.js';
export * from './personal-data.js';
export * from './table.js';
export * from './posting.js';
