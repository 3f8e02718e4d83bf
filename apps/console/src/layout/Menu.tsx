import AnalyticsIcon from '@mui/icons-material/Insights';
import ReportIcon from '@mui/icons-material/Summarize';
import ImportIcon from '@mui/icons-material/UploadFile';
import type { ReactElement } from 'react';
import { Menu as RaMenu, useCanAccess } from 'react-admin';

/** A menu entry for a custom page, shown when the access matrix lets the user open it. */
function PageItem({ resource, to, label, icon }: { resource: string; to: string; label: string; icon: ReactElement }) {
  const { canAccess } = useCanAccess({ resource, action: 'list' });
  if (!canAccess) return null;
  return <RaMenu.Item to={to} primaryText={label} leftIcon={icon} />;
}

/**
 * The menu in working order: dashboard, my queue, complaints, the supervision board,
 * analysis and the quarterly report, the case archive, bulk import, then administration.
 * Each entry shows only for the roles the access matrix (providers/access.ts) allows.
 */
export function Menu() {
  return (
    <RaMenu>
      <RaMenu.DashboardItem />
      <RaMenu.ResourceItem name="complaint-queue" />
      <RaMenu.ResourceItem name="complaints" />
      <RaMenu.ResourceItem name="complaint-supervision" />
      <PageItem resource="complaint-analysis" to="/complaint-analysis" label="xb.menu.analysis" icon={<AnalyticsIcon />} />
      <PageItem resource="complaint-reports" to="/complaint-reports" label="xb.menu.reports" icon={<ReportIcon />} />
      <RaMenu.ResourceItem name="case-archive" />
      <PageItem resource="complaint-import" to="/complaint-import" label="xb.menu.import" icon={<ImportIcon />} />
      <RaMenu.ResourceItem name="org-units" />
      <RaMenu.ResourceItem name="users" />
      <RaMenu.ResourceItem name="audit-log" />
    </RaMenu>
  );
}
