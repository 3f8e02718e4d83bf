import SchoolIcon from '@mui/icons-material/School';
import TimerIcon from '@mui/icons-material/Timer';
import ImportIcon from '@mui/icons-material/UploadFile';
import { lazy } from 'react';
import type { ConsoleModule } from '../types';
import exams from './exams';
import { trainingEnglish } from './messages-en';
import { trainingChinese } from './messages-zh-cn';
import questions from './questions';
import sessions from './sessions';

/** The pages load when first opened (the results page carries the charting library), so the sign-in bundle stays as it was. */
const ResultsPage = lazy(() => import('./ResultsPage').then((m) => ({ default: m.ResultsPage })));
const MyTrainingPage = lazy(() => import('./MyTrainingPage').then((m) => ({ default: m.MyTrainingPage })));
const TakeExamPage = lazy(() => import('./TakeExamPage').then((m) => ({ default: m.TakeExamPage })));
const QuestionImportPage = lazy(() => import('./QuestionImportPage').then((m) => ({ default: m.QuestionImportPage })));
const AnswerSheetPage = lazy(() => import('./AnswerSheetPage').then((m) => ({ default: m.AnswerSheetPage })));
const HoursPage = lazy(() => import('./HoursPage').then((m) => ({ default: m.HoursPage })));

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
    { path: '/training/attempts/:id/sheet', component: AnswerSheetPage },
    { path: '/training/results/:id', component: ResultsPage },
    { path: '/training/import', component: QuestionImportPage },
    { path: '/training/hours', component: HoursPage },
  ],
  messages: { en: trainingEnglish, 'zh-CN': trainingChinese },
};
