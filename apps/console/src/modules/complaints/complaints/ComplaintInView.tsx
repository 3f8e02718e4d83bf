import { Box, Typography } from '@mui/material';
import { useLocaleState, useTranslate } from 'react-admin';
import type { ComplaintView } from '../../../types';
import { useCodeLabel } from './complaint-codes';

/**
 * The complaint itself at the top of every action dialog (办结, 反馈, 分办 …): reference,
 * category and cause, what the customer wrote and asks for, so a resolution is filed
 * with the complaint in view. Long text scrolls inside the box.
 */
export function ComplaintInView({ record }: { record: ComplaintView }) {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const category = useCodeLabel('businessCategories');
  const cause = useCodeLabel('causes');
  return (
    <Box data-testid="dialog-complaint" sx={{ mb: 2, p: 1.5, bgcolor: 'action.hover', borderRadius: 1, maxHeight: 200, overflowY: 'auto' }}>
      <Typography variant="caption" color="text.secondary" component="div">
        {record.reference} · {category(record.businessCategory)} · {cause(record.cause)}
      </Typography>
      <Typography variant="body2" sx={{ whiteSpace: 'pre-wrap', mt: 0.5 }} data-testid="dialog-complaint-text">
        {record.description}
      </Typography>
      {record.demand && (
        <Typography variant="body2" sx={{ whiteSpace: 'pre-wrap', mt: 0.5 }}>
          <Box component="span" sx={{ color: 'text.secondary' }}>
            {translate('resources.complaints.fields.demand')}
            {locale.startsWith('zh') ? '：' : ': '}
          </Box>
          {record.demand}
        </Typography>
      )}
    </Box>
  );
}
