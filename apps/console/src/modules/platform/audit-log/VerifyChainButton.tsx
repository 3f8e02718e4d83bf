import VerifiedIcon from '@mui/icons-material/VerifiedUser';
import { useState } from 'react';
import { Button, useCanAccess, useDataProvider, useNotify } from 'react-admin';
import type { XbDataProvider } from '../../../providers/data-provider';

/** Asks the gateway to recompute the audit log's hash chain (`GET /api/audit-log/verify`). */
export function VerifyChainButton() {
  const dataProvider = useDataProvider<XbDataProvider>();
  const notify = useNotify();
  const { canAccess } = useCanAccess({ resource: 'audit-log', action: 'verify' });
  const [running, setRunning] = useState(false);
  if (!canAccess) return null;

  const verify = async () => {
    setRunning(true);
    try {
      const result = await dataProvider.verifyAuditChain();
      if (result.ok) {
        notify('xb.audit.verify_ok', { type: 'success', messageArgs: { smart_count: result.entries } });
      } else {
        notify('xb.audit.verify_broken', {
          type: 'error',
          autoHideDuration: null,
          messageArgs: { id: result.firstBrokenId ?? '?', entries: result.entries },
        });
      }
    } catch (error) {
      notify(error instanceof Error && error.message ? error.message : 'xb.audit.verify_error', { type: 'error' });
    } finally {
      setRunning(false);
    }
  };

  return (
    <Button label="xb.audit.verify" onClick={verify} disabled={running} data-testid="verify-audit-chain">
      <VerifiedIcon />
    </Button>
  );
}
