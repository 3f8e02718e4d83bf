import DashboardIcon from '@mui/icons-material/Leaderboard';
import QueueIcon from '@mui/icons-material/FactCheck';
import type { ConsoleModule } from '../types';
import { activitiesResource, campaignsResource, VerificationQueue } from './CampaignResources';
import { CampaignDashboard } from './CampaignDashboard';
import { campaignsEnglish } from './messages-en';
import { campaignsChinese } from './messages-zh-cn';

/**
 * 宣传教育活动: campaigns and their targets, the outlets' activity reports, the verification
 * queue of the unit above, and the dashboard (progress per unit, venue, audience, weekly trend, year on year).
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
    { page: '/campaign-verification', resource: 'campaign-activities', label: 'xb.campaigns.menu.queue', icon: QueueIcon },
    { page: '/campaign-dashboard', resource: 'campaign-totals', label: 'xb.campaigns.menu.dashboard', icon: DashboardIcon },
  ],
  routes: [
    { path: '/campaign-verification', component: VerificationQueue },
    { path: '/campaign-dashboard', component: CampaignDashboard },
  ],
  messages: { en: campaignsEnglish, 'zh-CN': campaignsChinese },
};
