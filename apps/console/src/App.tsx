import { Suspense } from 'react';
import { Admin, CustomRoutes, Loading, reactRouterProvider, Resource } from 'react-admin';
import { Dashboard } from './dashboard/Dashboard';
import { i18nProvider } from './i18n/i18n-provider';
import { Layout } from './layout/Layout';
import { darkTheme, lightTheme } from './layout/theme';
import { LoginPage } from './layout/LoginPage';
import { MODULES } from './modules';
import { authProvider } from './providers/auth-provider';
import { dataProvider } from './providers/data-provider';

/** The router's own Route (react-router, react-admin's default router), without importing the router package directly. */
const { Route } = reactRouterProvider;

/**
 * The resources and pages of every module (modules/index.ts). Which menu entries, pages
 * and buttons a role sees is decided by authProvider.canAccess, which reads the
 * permissions table the server enforces.
 */
export function App() {
  return (
    <Admin
      title="xb.app.title"
      dataProvider={dataProvider}
      authProvider={authProvider}
      i18nProvider={i18nProvider}
      layout={Layout}
      theme={lightTheme}
      darkTheme={darkTheme}
      loginPage={LoginPage}
      dashboard={Dashboard}
      requireAuth
      disableTelemetry
    >
      {MODULES.flatMap((m) => m.resources.map((r) => <Resource key={r.name} {...r} />))}
      <CustomRoutes>
        {MODULES.flatMap((m) =>
          m.routes.map(({ path, component: Page }) => (
            <Route
              key={path}
              path={path}
              element={
                <Suspense fallback={<Loading />}>
                  <Page />
                </Suspense>
              }
            />
          )),
        )}
      </CustomRoutes>
    </Admin>
  );
}
