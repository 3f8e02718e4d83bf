import AnalyticsIcon from '@mui/icons-material/QueryStats';
import { lazy } from 'react';
import type { ConsoleModule } from '../types';
import inspections from './inspections';
import { inspectionsEnglish } from './messages-en';
import { inspectionsChinese } from './messages-zh-cn';
import rectifications from './rectifications';
import templates from './templates';
import { VisitScreen } from './VisitScreen';

/** The analysis page carries the charting library: loaded when first opened. */
const AnalysisPage = lazy(() => import('./AnalysisPage').then((m) => ({ default: m.InspectionAnalysisPage })));
/** The quarterly plan generator 季度检查计划 (opened from the visits list). */
const PlanPage = lazy(() => import('./PlanPage').then((m) => ({ default: m.InspectionPlanPage })));

/** 神秘人暗访: visits, the rectification board 整改, the analysis and the checklist templates. */
export const inspectionsModule: ConsoleModule = {
  name: 'inspections',
  resources: [
    { name: 'inspections', ...inspections },
    { name: 'rectifications', ...rectifications },
    { name: 'inspection-templates', ...templates },
  ],
  menu: [
    { resource: 'inspections' },
    { resource: 'rectifications' },
    { page: '/inspection-analysis', resource: 'inspection-analysis', label: 'xb.menu.inspection_analysis', icon: AnalyticsIcon },
    { resource: 'inspection-templates' },
  ],
  routes: [
    { path: '/inspections/:id/visit', component: VisitScreen },
    { path: '/inspection-analysis', component: AnalysisPage },
    { path: '/inspection-plan', component: PlanPage },
  ],
  messages: { en: inspectionsEnglish, 'zh-CN': inspectionsChinese },
};
