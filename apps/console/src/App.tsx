import { Admin, Resource } from 'react-admin';
import auditLog from './audit-log';
import complaints from './complaints';
import { Dashboard } from './dashboard/Dashboard';
import { i18nProvider } from './i18n/i18n-provider';
import { Layout } from './layout/Layout';
import { LoginPage } from './layout/LoginPage';
import orgUnits from './org-units';
import { authProvider } from './providers/auth-provider';
import { dataProvider } from './providers/data-provider';
import users from './users';

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
      <Resource name="complaints" {...complaints} />
      <Resource name="org-units" {...orgUnits} />
      <Resource name="users" {...users} />
      <Resource name="audit-log" {...auditLog} />
    </Admin>
  );
}
