export * from './roles.js';
export * from './actor.js';
export * from './errors.js';
export * from './list.js';
export * from './input-depth.js';
export * from './events.js';
export * from './health.js';
