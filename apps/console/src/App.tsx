import { lazy, Suspense } from 'react';
import { Admin, CustomRoutes, Loading, reactRouterProvider, Resource } from 'react-admin';
import auditLog from './modules/platform/audit-log';
import caseArchive from './modules/complaints/case-archive';
import { ImportPage } from './modules/complaints/import/ImportPage';
import complaintQueue from './modules/complaints/queue';
import complaints from './modules/complaints/complaints';
import { Dashboard } from './dashboard/Dashboard';
import { i18nProvider } from './i18n/i18n-provider';
import { Layout } from './layout/Layout';
import { LoginPage } from './layout/LoginPage';
import orgUnits from './modules/platform/org-units';
import { authProvider } from './providers/auth-provider';
import { dataProvider } from './providers/data-provider';
import { QuarterlyReportPage } from './modules/complaints/reports/QuarterlyReportPage';
import supervision from './modules/complaints/supervision';
import users from './modules/platform/users';

/** The router's own Route (react-router, react-admin's default router), without importing the router package directly. */
const { Route } = reactRouterProvider;

/** The analysis page carries the charting library: loaded when first opened. */
const AnalysisPage = lazy(() => import('./modules/complaints/analysis/AnalysisPage').then((m) => ({ default: m.AnalysisPage })));

/**
 * Which menu entries, pages and buttons a role sees is decided by
 * authProvider.canAccess (providers/access.ts); the server enforces the same rules.
 */
export function App() {
  return (
    <Admin
      title="xb.app.title"
      dataProvider={dataProvider}
      authProvider={authProvider}
      i18nProvider={i18nProvider}
      layout={Layout}
      loginPage={LoginPage}
      dashboard={Dashboard}
      requireAuth
      disableTelemetry
    >
      <Resource name="complaint-queue" {...complaintQueue} />
      <Resource name="complaints" {...complaints} />
      <Resource name="complaint-supervision" {...supervision} />
      <Resource name="case-archive" {...caseArchive} />
      <Resource name="org-units" {...orgUnits} />
      <Resource name="users" {...users} />
      <Resource name="audit-log" {...auditLog} />
      <CustomRoutes>
        <Route
          path="/complaint-analysis"
          element={
            <Suspense fallback={<Loading />}>
              <AnalysisPage />
            </Suspense>
          }
        />
        <Route path="/complaint-reports" element={<QuarterlyReportPage />} />
        <Route path="/complaint-import" element={<ImportPage />} />
      </CustomRoutes>
    </Admin>
  );
}
