import VisibilityIcon from '@mui/icons-material/Visibility';
import VisibilityOffIcon from '@mui/icons-material/VisibilityOff';
import { Alert, AlertTitle, Box, Button, Stack, Typography } from '@mui/material';
import { useState } from 'react';
import { useCanAccess, useDataProvider, useNotify, useRecordContext, useTranslate } from 'react-admin';
import type { XbDataProvider } from '../../../providers/data-provider';
import type { ComplaintPii, ComplaintView } from '../../../types';

const Clear = ({ label, value }: { label: string; value: string }) => (
  <Box>
    <Typography variant="caption" color="text.secondary" component="div">
      {label}
    </Typography>
    <Typography variant="body2">{value}</Typography>
  </Box>
);

/**
 * "Reveal customer details": fetches the clear text from `GET /api/complaints/:id/pii`.
 * Only admin and handler see the button; the server audits every call, and the clear text
 * lives in this component's state only — it is never written into the record cache.
 */
export function RevealCustomerDetails() {
  const record = useRecordContext<ComplaintView>();
  const translate = useTranslate();
  const notify = useNotify();
  const dataProvider = useDataProvider<XbDataProvider>();
  const { canAccess } = useCanAccess({ resource: 'complaints', action: 'reveal', record });
  const [pii, setPii] = useState<ComplaintPii | null>(null);
  const [loading, setLoading] = useState(false);

  if (!record || !canAccess) return null;

  const reveal = async () => {
    setLoading(true);
    try {
      setPii(await dataProvider.revealComplaintPii(record.id));
    } catch (error) {
      notify(error instanceof Error && error.message ? error.message : 'xb.complaints.reveal_error', { type: 'error' });
    } finally {
      setLoading(false);
    }
  };

  if (!pii) {
    return (
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
        <Button
          variant="outlined"
          color="warning"
          size="small"
          startIcon={<VisibilityIcon />}
          onClick={reveal}
          disabled={loading}
          data-testid="reveal-pii"
        >
          {translate('xb.complaints.reveal')}
        </Button>
        <Typography variant="caption" color="text.secondary">
          {translate('xb.complaints.reveal_hint')}
        </Typography>
      </Stack>
    );
  }

  return (
    <Alert
      severity="warning"
      data-testid="revealed-pii"
      action={
        <Button color="inherit" size="small" startIcon={<VisibilityOffIcon />} onClick={() => setPii(null)}>
          {translate('xb.complaints.hide')}
        </Button>
      }
    >
      <AlertTitle>{translate('xb.complaints.revealed_title')}</AlertTitle>
      <Box sx={{ display: 'flex', gap: 4, flexWrap: 'wrap', mb: 1 }}>
        <Clear label={translate('resources.complaints.fields.customerName')} value={pii.customerName} />
        <Clear label={translate('resources.complaints.fields.customerPhone')} value={pii.customerPhone} />
        <Clear label={translate('resources.complaints.fields.customerIdNumber')} value={pii.customerIdNumber ?? '—'} />
      </Box>
      <Typography variant="caption">{translate('xb.complaints.reveal_hint')}</Typography>
    </Alert>
  );
}
