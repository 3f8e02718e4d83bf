import type { ReactNode } from 'react';
import { AccessDenied, Loading, useCanAccess } from 'react-admin';

/**
 * Custom pages (analysis, reports, import) are not resources, so react-admin does not
 * check them: this does, with the same matrix as the menu. The server enforces anyway.
 */
export function RequireAccess({ resource, action = 'list', children }: { resource: string; action?: string; children: ReactNode }) {
  const { canAccess, isPending } = useCanAccess({ resource, action });
  if (isPending) return <Loading />;
  if (!canAccess) return <AccessDenied />;
  return <>{children}</>;
}
