import { Box, Button, Stack, Tooltip, Typography } from '@mui/material';
import { useState } from 'react';
import { useRecordContext, useTranslate } from 'react-admin';
import { session } from '../providers/session';
import type { ComplaintView, WorkflowAction } from '../types';
import { ActionDialog, actionLabelKey } from './ActionDialog';
import { availableActions, PRIMARY_ACTIONS } from './workflow';

/**
 * The workflow buttons of a complaint: those its state allows and the user's role and
 * scope may take (the main path as filled buttons, side paths outlined); each opens its
 * dialog. Users who may act on nothing (auditors) see nothing.
 */
export function WorkflowActions() {
  const record = useRecordContext<ComplaintView>();
  const translate = useTranslate();
  const [open, setOpen] = useState<WorkflowAction | null>(null);
  if (!record) return null;
  const actions = availableActions(record, session.getUser());
  if (actions.length === 0) return null;
  return (
    <Box sx={{ mb: 2 }} data-testid="workflow-actions">
      <Typography variant="subtitle1" sx={{ fontWeight: 600, mb: 1 }}>
        {translate('xb.workflow.title')}
      </Typography>
      <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap' }}>
        {actions.map(({ action, disabledReason }) => {
          const primary = PRIMARY_ACTIONS.includes(action) && !(action === 'assign' && record.status !== 'received');
          const danger = action === 'reject' || action === 'withdraw';
          const button = (
            <Button
              key={action}
              size="small"
              variant={primary ? 'contained' : 'outlined'}
              color={danger ? 'warning' : 'primary'}
              disabled={!!disabledReason}
              onClick={() => setOpen(action)}
              data-testid={`action-${action}`}
            >
              {translate(disabledReason ? `xb.workflow.actions.${action.replace('-', '_')}` : actionLabelKey(action, record))}
            </Button>
          );
          return disabledReason ? (
            <Tooltip key={action} title={translate(disabledReason)}>
              <span>{button}</span>
            </Tooltip>
          ) : (
            button
          );
        })}
      </Stack>
      {open && <ActionDialog key={`${open}-${record.version}`} action={open} record={record} onClose={() => setOpen(null)} />}
    </Box>
  );
}
