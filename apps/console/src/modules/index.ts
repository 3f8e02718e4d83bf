import { campaignsModule } from './campaigns';
import { complaintsModule } from './complaints';
import { platformModule } from './platform';
import type { ConsoleModule } from './types';

/** The console's modules, in menu order. Adding a module is its folder and one line here. */
export const MODULES: readonly ConsoleModule[] = [
  complaintsModule,
  campaignsModule,
  platformModule,
];
