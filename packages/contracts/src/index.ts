export * from './common/index.js';
export * from './auth/index.js';
export * from './org/index.js';
export * from './complaints/index.js';
export * from './audit/index.js';
export * from './registry.js';
export * from './permissions/index.js';
export * from './directory/index.js';
