export * from './codes.js';
export * from './messages.js';
export * from './dto.js';
export * from './analysis.js';
export * from './workflow.js';
export * from './case-archive.js';
export * from './import.js';
