import PolicyIcon from '@mui/icons-material/Gavel';
import VersionIcon from '@mui/icons-material/History';
import ReadIcon from '@mui/icons-material/MarkEmailRead';
import BoardIcon from '@mui/icons-material/EventRepeat';
import IncidentIcon from '@mui/icons-material/Warning';
import DrillIcon from '@mui/icons-material/SportsScore';
import DrillBoardIcon from '@mui/icons-material/FactCheck';
import type { DrillView, PolicyVersionView } from '@xb/contracts/policies';
import type { ConsoleModule } from '../types';
import { PolicyDocumentCreate, PolicyDocumentEdit, PolicyDocumentList, PolicyDocumentShow } from './documents';
import { DrillCreate, DrillList, DrillShow, IncidentCreate, IncidentList, IncidentShow } from './emergency';
import { policiesEnglish } from './messages-en';
import { policiesChinese } from './messages-zh-cn';
import { DrillBoardPage, ReadingPage, ReviewBoardPage } from './pages';
import { PolicyVersionCreate, PolicyVersionEdit, PolicyVersionList, PolicyVersionShow } from './versions';

/**
 * 制度与应急预案: my reading list 阅知, the document register, versions (content, side-by-side
 * diff, review thread and sign-offs, acknowledgement rates by unit), the review-due board,
 * incidents 突发事件 with their live checklist, drills 演练 and the drill board.
 */
export const policiesModule: ConsoleModule = {
  name: 'policies',
  resources: [
    { name: 'policy-documents', list: PolicyDocumentList, show: PolicyDocumentShow, create: PolicyDocumentCreate, edit: PolicyDocumentEdit, icon: PolicyIcon, recordRepresentation: 'title' },
    { name: 'policy-versions', list: PolicyVersionList, show: PolicyVersionShow, create: PolicyVersionCreate, edit: PolicyVersionEdit, icon: VersionIcon, recordRepresentation: (r: PolicyVersionView) => `${r.documentCode} 《${r.documentTitle}》 v${r.number}` },
    { name: 'incidents', list: IncidentList, show: IncidentShow, create: IncidentCreate, icon: IncidentIcon, recordRepresentation: 'title' },
    { name: 'drills', list: DrillList, show: DrillShow, create: DrillCreate, icon: DrillIcon, recordRepresentation: (r: DrillView) => `${r.documentTitle} · ${r.scenario}` },
  ],
  menu: [
    { page: '/policy-reading', resource: 'policy-acknowledgements', label: 'xb.policies.menu.reading', icon: ReadIcon },
    { resource: 'policy-documents' },
    { resource: 'policy-versions' },
    { page: '/policy-review-board', resource: 'policy-review-board', label: 'xb.policies.menu.review_board', icon: BoardIcon },
    { resource: 'incidents' },
    { resource: 'drills' },
    { page: '/drill-board', resource: 'drills', label: 'xb.policies.menu.drill_board', icon: DrillBoardIcon },
  ],
  routes: [
    { path: '/policy-reading', component: ReadingPage },
    { path: '/policy-review-board', component: ReviewBoardPage },
    { path: '/drill-board', component: DrillBoardPage },
  ],
  messages: { en: policiesEnglish, 'zh-CN': policiesChinese },
};
