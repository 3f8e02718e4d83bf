import { campaignsModule } from './campaigns';
import { complaintsModule } from './complaints';
import { inspectionsModule } from './inspections';
import { platformModule } from './platform';
import { policiesModule } from './policies';
import { trainingModule } from './training';
import type { ConsoleModule } from './types';

/** The console's modules, in menu order. Adding a module is its folder and one line here. */
export const MODULES: readonly ConsoleModule[] = [
  complaintsModule,
  policiesModule,
  trainingModule,
  inspectionsModule,
  campaignsModule,
  platformModule,
];
