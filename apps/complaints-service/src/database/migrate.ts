/** `npm run migrate`: creates the database if needed and applies pending migrations (advisory-locked, safe to run from several starters). */
import 'reflect-metadata';
import service from '../service.js';

await service.runMigrations();
