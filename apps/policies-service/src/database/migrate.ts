/** `npm run migrate`: creates the database if needed and applies pending migrations (advisory-locked). */
import 'reflect-metadata';
import service from '../service.js';

await service.runMigrations();
