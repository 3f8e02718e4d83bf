import SchoolIcon from '@mui/icons-material/School';
import TimerIcon from '@mui/icons-material/Timer';
import ImportIcon from '@mui/icons-material/UploadFile';
import { lazy } from 'react';
import type { ConsoleModule } from '../types';
import exams from './exams';
import { HoursPage } from './HoursPage';
import { trainingEnglish } from './messages-en';
import { trainingChinese } from './messages-zh-cn';
import { MyTrainingPage } from './MyTrainingPage';
import { QuestionImportPage } from './QuestionImportPage';
import questions from './questions';
import sessions from './sessions';
import { TakeExamPage } from './TakeExamPage';

/** The results page carries the charting library: loaded when first opened. */
const ResultsPage = lazy(() => import('./ResultsPage').then((m) => ({ default: m.ResultsPage })));

/**
 * 培训与测评: my training (take exams, check in), the question bank with import, exams and
 * competitions with draw rules, results and item analysis, the leaderboard, sessions and hours.
 */
export const trainingModule: ConsoleModule = {
  name: 'training',
  resources: [
    { name: 'questions', ...questions },
    { name: 'exams', ...exams },
    { name: 'training-sessions', ...sessions },
  ],
  menu: [
    { page: '/training/my', resource: 'training-my', label: 'xb.menu.training_my', icon: SchoolIcon },
    { resource: 'exams' },
    { resource: 'questions' },
    { page: '/training/import', resource: 'questions', label: 'xb.menu.training_import', icon: ImportIcon },
    { resource: 'training-sessions' },
    { page: '/training/hours', resource: 'training-hours', label: 'xb.menu.training_hours', icon: TimerIcon },
  ],
  routes: [
    { path: '/training/my', component: MyTrainingPage },
    { path: '/training/take/:id', component: TakeExamPage },
    { path: '/training/results/:id', component: ResultsPage },
    { path: '/training/import', component: QuestionImportPage },
    { path: '/training/hours', component: HoursPage },
  ],
  messages: { en: trainingEnglish, 'zh-CN': trainingChinese },
};
