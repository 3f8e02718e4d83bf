import { Box, Typography } from '@mui/material';
import { useCanAccess, useDataProvider, useRecordContext, useTranslate } from 'react-admin';
import { RevealWithReason } from '../../../common/RevealWithReason';
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
 * "Reveal customer details": asks for the reason (查询事由), then fetches the clear text from
 * `POST /api/complaints/:id/pii` (audited with that reason) and hides it again after 60 s.
 * Only those who may reveal see the button; the clear text lives in the shared component's
 * state only — it is never written into the record cache.
 */
export function RevealCustomerDetails() {
  const record = useRecordContext<ComplaintView>();
  const translate = useTranslate();
  const dataProvider = useDataProvider<XbDataProvider>();
  const { canAccess } = useCanAccess({ resource: 'complaints', action: 'reveal', record });

  if (!record || !canAccess) return null;

  return (
    <RevealWithReason<ComplaintPii> reveal={(reason) => dataProvider.revealComplaintPii(record.id, reason)} label="xb.complaints.reveal" title="xb.complaints.revealed_title">
      {(pii) => (
        <Box sx={{ display: 'flex', gap: 4, flexWrap: 'wrap', mb: 1 }} data-testid="revealed-pii">
          <Clear label={translate('resources.complaints.fields.customerName')} value={pii.customerName} />
          <Clear label={translate('resources.complaints.fields.customerPhone')} value={pii.customerPhone} />
          <Clear label={translate('resources.complaints.fields.customerIdNumber')} value={pii.customerIdNumber ?? '—'} />
        </Box>
      )}
    </RevealWithReason>
  );
}
