export * from './common/index.js';
export * from './auth/index.js';
export * from './org/index.js';
export * from './complaints/index.js';
export * from './audit/index.js';
export * from './files/index.js';
