import type { ComponentType } from 'react';
import { Menu as RaMenu, useCanAccess } from 'react-admin';
import { MODULES } from '../modules';

/** A menu entry for a custom page, shown when the permissions table lets the user open it. */
function PageItem({ resource, action = 'list', to, label, icon: Icon }: { resource: string; action?: string; to: string; label: string; icon: ComponentType }) {
  const { canAccess } = useCanAccess({ resource, action });
  if (!canAccess) return null;
  return <RaMenu.Item to={to} primaryText={label} leftIcon={<Icon />} />;
}

/**
 * The dashboard, then each module's entries in its working order (modules/index.ts).
 * Each entry shows only for the roles the permissions table allows.
 */
export function Menu() {
  return (
    <RaMenu>
      <RaMenu.DashboardItem />
      {MODULES.flatMap((m) =>
        m.menu.map((entry) =>
          'page' in entry ? (
            <PageItem key={entry.page} resource={entry.resource} action={entry.action} to={entry.page} label={entry.label} icon={entry.icon} />
          ) : (
            <RaMenu.ResourceItem key={entry.resource} name={entry.resource} />
          ),
        ),
      )}
    </RaMenu>
  );
}
