import { InspectionTemplatesController } from './inspection-templates.controller.js';
import { InspectionsController } from './inspections.controller.js';
import { RectificationsController } from './rectifications.controller.js';

/** The inspections module's REST face (one line in app.module.ts). */
export const INSPECTIONS_CONTROLLERS = [InspectionTemplatesController, InspectionsController, RectificationsController];
