import { Alert, Button as MuiButton, Dialog, DialogActions, DialogContent, DialogTitle, Stack } from '@mui/material';
import { useRef, useState } from 'react';
import {
  Form,
  HttpError,
  SaveButton,
  useDataProvider,
  useGetOne,
  useNotify,
  useRefresh,
  useTranslate,
} from 'react-admin';
import type { XbDataProvider } from '../../../providers/data-provider';
import { newIdempotencyKey } from '../../../providers/http-client';
import type { CaseArchiveEntryView, ComplaintView, WorkflowAction } from '../../../types';
import { ACTION_FIELDS, ActionHint, ActionInputs, INSTANT_FIELDS, useAssignDefaults } from './action-inputs';
import { ComplaintInView } from './ComplaintInView';

/** The button / dialog title of an action on this complaint (分办 vs 改派, first vs second extension …). */
export function actionLabelKey(action: WorkflowAction, record: Pick<ComplaintView, 'status' | 'extensionLevel' | 'typical'>): string {
  if (action === 'assign' && record.status !== 'received') return 'xb.workflow.actions.reassign';
  if (action === 'extend' && (record.extensionLevel ?? 0) >= 1) return 'xb.workflow.actions.extend_approve';
  if (action === 'mark-typical' && record.typical) return 'xb.workflow.actions.mark_typical_update';
  return `xb.workflow.actions.${action.replace('-', '_')}`;
}

/** What the form holds → what the API wants: no empty values, instants as ISO (empty = now), trimmed tags, the version seen. */
function toBody(action: WorkflowAction, values: Record<string, unknown>, record: ComplaintView): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const field of ACTION_FIELDS[action]) {
    const value = values[field];
    if (value === undefined || value === null || value === '') continue;
    body[field] = typeof value === 'string' && field !== 'handlerId' && field !== 'orgUnitId' ? value.trim() : value;
  }
  for (const field of INSTANT_FIELDS) {
    if (!ACTION_FIELDS[action].includes(field)) continue;
    const value = values[field];
    body[field] = value ? new Date(String(value)).toISOString() : new Date().toISOString();
  }
  if (action === 'close') body.disputesOutcome = values.disputesOutcome === true;
  if (action === 'resolve' && body.compensationAmount !== undefined) body.compensationAmount = Number(body.compensationAmount);
  if (action === 'mark-typical') {
    body.tags = (Array.isArray(values.tags) ? values.tags : []).map((t) => String(t).trim()).filter(Boolean);
  }
  if (typeof record.version === 'number') body.version = record.version;
  return body;
}

/** The dialog's form starts from its own defaults, not from the complaint around it. */
const NO_RECORD = {};

interface DialogError {
  title: string;
  detail?: string;
  reload?: boolean;
}

function describeError(error: unknown): DialogError {
  if (!(error instanceof HttpError)) return { title: 'xb.workflow.errors.network' };
  const detail = error.message && !error.message.startsWith('ra.') ? error.message : undefined;
  switch (error.status) {
    case 409:
      return { title: 'xb.workflow.errors.conflict', detail, reload: true };
    case 422:
      return { title: 'xb.workflow.errors.refused', detail };
    case 403:
      return { title: 'xb.workflow.errors.forbidden', detail };
    case 404:
      return { title: 'xb.workflow.errors.not_found', detail };
    case 400:
      return { title: 'xb.workflow.errors.invalid', detail };
    default:
      return { title: 'xb.workflow.errors.other', detail };
  }
}

/** Defaults: the current handling unit for a reassignment; the archive entry when updating a typical case. */
function useDefaults(action: WorkflowAction, record: ComplaintView): { values: Record<string, unknown>; ready: boolean } {
  const assign = useAssignDefaults(record);
  const { data: entry, isPending } = useGetOne<CaseArchiveEntryView>(
    'case-archive',
    { id: record.id },
    { enabled: action === 'mark-typical' && record.typical === true, retry: false },
  );
  if (action === 'assign') return assign;
  if (action === 'close') return { values: { disputesOutcome: false }, ready: true };
  if (action === 'mark-typical' && record.typical) {
    return { values: entry ? { rootCause: entry.rootCause, lessons: entry.lessons, tags: entry.tags } : { tags: [] }, ready: !isPending };
  }
  if (action === 'mark-typical') return { values: { tags: [] }, ready: true };
  return { values: {}, ready: true };
}

/**
 * One workflow action in a small dialog: the action's inputs, the server's field errors
 * under them, any other refusal (409 illegal transition or stale version, 422 domain rule
 * such as recusal, 403, 404) as an alert in the dialog. One idempotency key per dialog
 * until the action succeeds, so a retry after a lost answer cannot act twice.
 */
export function ActionDialog({ action, record, onClose }: { action: WorkflowAction; record: ComplaintView; onClose: () => void }) {
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const dataProvider = useDataProvider<XbDataProvider>();
  const idempotencyKey = useRef(newIdempotencyKey());
  const [error, setError] = useState<DialogError | null>(null);
  const { values, ready } = useDefaults(action, record);
  const title = translate(actionLabelKey(action, record));

  const submit = async (formValues: Record<string, unknown>) => {
    setError(null);
    try {
      await dataProvider.complaintAction(record.id, action, toBody(action, formValues, record), idempotencyKey.current);
      idempotencyKey.current = newIdempotencyKey();
      notify('xb.workflow.done', { type: 'success', messageArgs: { action: title } });
      onClose();
      refresh();
      return undefined;
    } catch (e) {
      const fieldErrors = e instanceof HttpError ? (e.body as { errors?: Record<string, string> } | null)?.errors : undefined;
      const mine = Object.fromEntries(Object.entries(fieldErrors ?? {}).filter(([field]) => ACTION_FIELDS[action].includes(field)));
      const described = describeError(e);
      // Errors on fields the dialog has go under the inputs; anything else shows as an alert.
      if (Object.keys(mine).length > 0 && Object.keys(mine).length === Object.keys(fieldErrors ?? {}).length) {
        setError({ title: 'xb.workflow.errors.invalid' });
        return mine;
      }
      setError(described);
      return Object.keys(mine).length > 0 ? mine : undefined;
    }
  };

  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="sm" data-testid={`action-dialog-${action}`}>
      {ready && (
        <Form onSubmit={submit} defaultValues={values} record={NO_RECORD} noValidate>
          <DialogTitle>{title}</DialogTitle>
          <DialogContent>
            <ComplaintInView record={record} />
            <ActionHint action={action} record={record} />
            {error && (
              <Alert
                severity="error"
                sx={{ mb: 2 }}
                data-testid="action-error"
                action={
                  error.reload ? (
                    <MuiButton
                      color="inherit"
                      size="small"
                      onClick={() => {
                        refresh();
                        onClose();
                      }}
                    >
                      {translate('xb.workflow.errors.reload')}
                    </MuiButton>
                  ) : undefined
                }
              >
                <Stack>
                  <span>{translate(error.title)}</span>
                  {error.detail && <small>{translate('xb.workflow.errors.server_said', { message: error.detail })}</small>}
                </Stack>
              </Alert>
            )}
            <ActionInputs action={action} record={record} />
          </DialogContent>
          <DialogActions>
            <MuiButton onClick={onClose}>{translate('ra.action.cancel')}</MuiButton>
            <SaveButton label={title} icon={<span />} alwaysEnable variant="contained" data-testid="action-submit" />
          </DialogActions>
        </Form>
      )}
    </Dialog>
  );
}
