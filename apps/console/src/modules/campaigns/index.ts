import DashboardIcon from '@mui/icons-material/Leaderboard';
import QueueIcon from '@mui/icons-material/FactCheck';
import ImportIcon from '@mui/icons-material/UploadFile';
import { lazy } from 'react';
import type { ConsoleModule } from '../types';
import { activitiesResource, campaignsResource, VerificationQueue } from './CampaignResources';
import { campaignsEnglish } from './messages-en';
import { campaignsChinese } from './messages-zh-cn';

/** The import page is rarely opened: loaded on demand. */
const ActivityImportPage = lazy(() => import('./ActivityImportPage').then((m) => ({ default: m.ActivityImportPage })));
/** The dashboard carries the charting library: loaded when first opened, so the login page stays light. */
const CampaignDashboard = lazy(() => import('./CampaignDashboard').then((m) => ({ default: m.CampaignDashboard })));

/**
 * 宣传教育活动: campaigns and their targets, the outlets' activity reports (with the staff
 * picker and evidence), the xlsx import, the verification queue of the unit above, and the dashboard (progress per unit, venue, audience, weekly trend, year on year).
 */
export const campaignsModule: ConsoleModule = {
  name: 'campaigns',
  resources: [
    { name: 'campaigns', ...campaignsResource },
    { name: 'campaign-activities', ...activitiesResource },
  ],
  menu: [
    { resource: 'campaigns' },
    { resource: 'campaign-activities' },
    { page: '/campaign-verification', resource: 'campaign-activities', action: 'verify', label: 'xb.campaigns.menu.queue', icon: QueueIcon },
    { page: '/campaign-import', resource: 'campaign-activities', action: 'import', label: 'xb.campaigns.menu.import', icon: ImportIcon },
    { page: '/campaign-dashboard', resource: 'campaign-totals', label: 'xb.campaigns.menu.dashboard', icon: DashboardIcon },
  ],
  routes: [
    { path: '/campaign-verification', component: VerificationQueue },
    { path: '/campaign-import', component: ActivityImportPage },
    { path: '/campaign-dashboard', component: CampaignDashboard },
  ],
  messages: { en: campaignsEnglish, 'zh-CN': campaignsChinese },
};
