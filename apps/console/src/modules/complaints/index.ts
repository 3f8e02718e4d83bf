import AnalyticsIcon from '@mui/icons-material/Insights';
import ReportIcon from '@mui/icons-material/Summarize';
import ImportIcon from '@mui/icons-material/UploadFile';
import { lazy } from 'react';
import type { ConsoleModule } from '../types';
import caseArchive from './case-archive';
import complaints from './complaints';
import { ImportPage } from './import/ImportPage';
import { complaintsEnglish } from './messages-en';
import { complaintsChinese } from './messages-zh-cn';
import queue from './queue';
import { QuarterlyReportPage } from './reports/QuarterlyReportPage';
import supervision from './supervision';

/** The analysis page carries the charting library: loaded when first opened. */
const AnalysisPage = lazy(() => import('./analysis/AnalysisPage').then((m) => ({ default: m.AnalysisPage })));

/**
 * 客户投诉: my queue, complaints, the supervision board 督办, analysis 投诉分析, the quarterly
 * report 通报, the case archive 案例库 and bulk import 批量导入.
 */
export const complaintsModule: ConsoleModule = {
  name: 'complaints',
  resources: [
    { name: 'complaint-queue', ...queue },
    { name: 'complaints', ...complaints },
    { name: 'complaint-supervision', ...supervision },
    { name: 'case-archive', ...caseArchive },
  ],
  menu: [
    { resource: 'complaint-queue' },
    { resource: 'complaints' },
    { resource: 'complaint-supervision' },
    { page: '/complaint-analysis', resource: 'complaint-analysis', label: 'xb.menu.analysis', icon: AnalyticsIcon },
    { page: '/complaint-reports', resource: 'complaint-reports', label: 'xb.menu.reports', icon: ReportIcon },
    { resource: 'case-archive' },
    { page: '/complaint-import', resource: 'complaint-import', label: 'xb.menu.import', icon: ImportIcon },
  ],
  routes: [
    { path: '/complaint-analysis', component: AnalysisPage },
    { path: '/complaint-reports', component: QuarterlyReportPage },
    { path: '/complaint-import', component: ImportPage },
  ],
  messages: { en: complaintsEnglish, 'zh-CN': complaintsChinese },
  auditLinks: { complaint: (id) => `/complaints/${encodeURIComponent(id)}/show` },
};
