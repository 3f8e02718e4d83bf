import { Box, Button, Stack, Typography } from '@mui/material';
import { useState } from 'react';
import { useRecordContext, useTranslate } from 'react-admin';
import type { ComplaintView, WorkflowAction } from '../../../types';
import { ActionDialog, actionLabelKey } from './ActionDialog';
import { DANGER_ACTIONS, orderedActions, PRIMARY_ACTIONS } from './workflow';

/**
 * The workflow buttons of a complaint: exactly the `availableActions` the service sent for
 * this user (the main path as filled buttons, side paths outlined); each opens its dialog.
 * Users who may act on nothing (auditors) see nothing.
 */
export function WorkflowActions() {
  const record = useRecordContext<ComplaintView>();
  const translate = useTranslate();
  const [open, setOpen] = useState<WorkflowAction | null>(null);
  if (!record) return null;
  const actions = orderedActions(record.availableActions);
  if (actions.length === 0) return null;
  return (
    <Box sx={{ mb: 2 }} data-testid="workflow-actions" data-available={actions.join(' ')}>
      <Typography variant="subtitle1" sx={{ fontWeight: 600, mb: 1 }}>
        {translate('xb.workflow.title')}
      </Typography>
      <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap' }}>
        {actions.map((action) => (
          <Button
            key={action}
            size="small"
            variant={PRIMARY_ACTIONS.includes(action) && !(action === 'assign' && record.status !== 'received') ? 'contained' : 'outlined'}
            color={DANGER_ACTIONS.includes(action) ? 'warning' : 'primary'}
            onClick={() => setOpen(action)}
            data-testid={`action-${action}`}
          >
            {translate(actionLabelKey(action, record))}
          </Button>
        ))}
      </Stack>
      {open && <ActionDialog key={`${open}-${record.version}`} action={open} record={record} onClose={() => setOpen(null)} />}
    </Box>
  );
}
