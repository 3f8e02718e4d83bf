import { Alert, Stack, Typography } from '@mui/material';
import {
  BooleanInput,
  DateTimeInput,
  FormDataConsumer,
  maxLength,
  minLength,
  minValue,
  NumberInput,
  required,
  SelectInput,
  TextArrayInput,
  TextInput,
  useGetList,
  useTranslate,
} from 'react-admin';
import { OrgUnitTreeInput } from '../../../common/OrgUnitTreeInput';
import type { ComplaintView, UserView, WorkflowAction } from '../../../types';
import { CodeSelectInput } from './complaint-codes';

/**
 * The inputs of each workflow action's dialog, named as the API's fields so a server
 * error lands under its input. Limits mirror the contracts' DTOs; the server checks again.
 */
export const ACTION_FIELDS: Record<WorkflowAction, readonly string[]> = {
  assign: ['orgUnitId', 'handlerId', 'note'],
  start: ['note'],
  resolve: ['outcome', 'resolution', 'compensationAmount', 'note'],
  reply: ['method', 'informedAt', 'note'],
  close: ['satisfaction', 'disputesOutcome', 'note'],
  reject: ['reason', 'note'],
  withdraw: ['reason', 'note'],
  reopen: ['newFacts', 'note'],
  extend: ['reason', 'customerNotifiedAt', 'note'],
  pause: ['reason', 'note'],
  resume: ['note'],
  'mark-typical': ['rootCause', 'lessons', 'tags', 'note'],
};

/** Instants a user reports ("the customer was told at …"); empty means now. */
export const INSTANT_FIELDS = ['informedAt', 'customerNotifiedAt'] as const;

/** Yuan and fen: at most two decimals (mirrors maxDecimalPlaces: 2). */
const twoDecimals = (value: unknown) =>
  typeof value === 'number' && Math.abs(Math.round(value * 100) - value * 100) > 1e-6 ? 'xb.validation.money' : undefined;

const Note = () => <TextInput source="note" multiline minRows={2} validate={maxLength(2000)} fullWidth />;

const tagRule = (tags: unknown) =>
  Array.isArray(tags) && tags.some((t) => typeof t === 'string' && (t.trim().length === 0 || t.trim().length > 30))
    ? 'xb.server_validation.length'
    : undefined;

const tagsAtMostTen = (tags: unknown) => (Array.isArray(tags) && tags.length > 10 ? 'xb.server_validation.list_too_long' : undefined);

/** Active handlers in the user's scope, once per dialog (react-admin's cache shares the answer). */
function useHandlers() {
  return useGetList<UserView>('users', {
    filter: { role: 'handler', active: true },
    pagination: { page: 1, perPage: 500 },
    sort: { field: 'username', order: 'ASC' },
  });
}

/** Handlers who can take this complaint in `unitId`: active handlers of that unit or below it, not named in the complaint (回避). */
export function eligibleHandlers(handlers: readonly UserView[], record: Pick<ComplaintView, 'namedStaffUserIds'>, unitId: string): UserView[] {
  const named = new Set(record.namedStaffUserIds ?? []);
  return handlers.filter((u) => u.active && u.roles.includes('handler') && !named.has(u.id) && u.orgPath.includes(`/${unitId}/`));
}

/**
 * The assign dialog's starting point: the current handling unit when reassigning, else the
 * complaint's own unit or the nearest unit above it that has a handler who can take it
 * (an outlet has none: the sub-branch or branch above takes it); its handler when only one.
 */
export function useAssignDefaults(record: ComplaintView): { values: Record<string, unknown>; ready: boolean } {
  const { data, isPending } = useHandlers();
  if (isPending) return { values: {}, ready: false };
  const handlers = data ?? [];
  const path = (record.orgPath ?? '').split('/').filter(Boolean);
  const candidates = record.assignedUnitId ? [record.assignedUnitId] : [...path].reverse();
  const unitId = candidates.find((id) => eligibleHandlers(handlers, record, id).length > 0) ?? record.assignedUnitId ?? record.orgUnitId;
  const eligible = eligibleHandlers(handlers, record, unitId);
  return { values: { orgUnitId: unitId, ...(eligible.length === 1 ? { handlerId: eligible[0].id } : {}) }, ready: true };
}

/** Handlers (active users with the handler role) working in the chosen unit or below it; those named in the complaint cannot take it (回避). */
function HandlerInput({ record, unitId }: { record: ComplaintView; unitId: string | undefined }) {
  const { data, isPending } = useHandlers();
  const choices = (unitId ? eligibleHandlers(data ?? [], record, unitId) : []).map((u) => ({ id: u.id, name: u.displayName || u.username }));
  const helper = !unitId ? 'xb.workflow.pick_unit_first' : !isPending && choices.length === 0 ? 'xb.workflow.no_handlers' : undefined;
  return (
    <SelectInput
      source="handlerId"
      choices={choices}
      isPending={isPending}
      disabled={!unitId}
      validate={required()}
      helperText={helper}
      translateChoice={false}
      fullWidth
    />
  );
}

/** The handling unit, in tree order; only units with a handler who can take the complaint may be chosen. */
function AssignUnitInput({ record }: { record: ComplaintView }) {
  const { data } = useHandlers();
  return (
    <OrgUnitTreeInput
      source="orgUnitId"
      label="resources.complaints.fields.assignedUnitId"
      validate={required()}
      offered={(unit) => eligibleHandlers(data ?? [], record, unit.id).length > 0}
      fullWidth
    />
  );
}

export function ActionInputs({ action, record }: { action: WorkflowAction; record: ComplaintView }) {
  const translate = useTranslate();
  switch (action) {
    case 'assign':
      return (
        <>
          <AssignUnitInput record={record} />
          <FormDataConsumer<{ orgUnitId?: string }>>
            {({ formData }) => <HandlerInput record={record} unitId={formData.orgUnitId || undefined} />}
          </FormDataConsumer>
          <Note />
        </>
      );
    case 'start':
    case 'resume':
      return <Note />;
    case 'resolve':
      return (
        <>
          <CodeSelectInput list="outcomes" source="outcome" validate={required()} fullWidth />
          <TextInput source="resolution" multiline minRows={3} validate={[required(), minLength(5), maxLength(5000)]} fullWidth />
          <NumberInput source="compensationAmount" step="any" validate={[minValue(0), twoDecimals]} fullWidth />
          <Note />
        </>
      );
    case 'reply':
      return (
        <>
          <CodeSelectInput list="replyMethods" source="method" validate={required()} fullWidth />
          <DateTimeInput source="informedAt" helperText="xb.workflow.now_if_empty" fullWidth />
          <Note />
        </>
      );
    case 'close':
      return (
        <>
          <CodeSelectInput list="satisfactionLevels" source="satisfaction" validate={required()} fullWidth />
          <BooleanInput source="disputesOutcome" />
          <Note />
        </>
      );
    case 'reject':
    case 'withdraw':
    case 'pause':
      return (
        <>
          <TextInput source="reason" multiline minRows={2} validate={[required(), minLength(2), maxLength(1000)]} fullWidth />
          <Note />
        </>
      );
    case 'reopen':
      return (
        <>
          <TextInput source="newFacts" multiline minRows={3} validate={[required(), minLength(5), maxLength(5000)]} fullWidth />
          <Note />
        </>
      );
    case 'extend':
      return (
        <>
          <TextInput source="reason" multiline minRows={2} validate={[required(), minLength(2), maxLength(1000)]} fullWidth />
          <DateTimeInput source="customerNotifiedAt" helperText="xb.workflow.now_if_empty" fullWidth />
          <Note />
        </>
      );
    case 'mark-typical':
      return (
        <>
          <TextInput source="rootCause" multiline minRows={2} validate={[required(), minLength(2), maxLength(2000)]} fullWidth />
          <TextInput source="lessons" multiline minRows={3} validate={[required(), minLength(2), maxLength(5000)]} fullWidth />
          <TextArrayInput source="tags" validate={[required(), tagsAtMostTen, tagRule]} helperText="xb.workflow.tags_helper" fullWidth />
          <Note />
        </>
      );
    default:
      return (
        <Alert severity="warning">
          <Typography variant="body2">{translate('xb.workflow.errors.other')}</Typography>
        </Alert>
      );
  }
}

/** The dialog's explanation above the inputs. */
export function ActionHint({ action, record }: { action: WorkflowAction; record: ComplaintView }) {
  const translate = useTranslate();
  const key = `xb.workflow.hints.${action.replace('-', '_')}`;
  const from = record.timeLimitDays ?? 15;
  const to = (record.extensionLevel ?? 0) >= 1 ? 60 : 30;
  return (
    <Stack sx={{ mb: 1 }}>
      <Typography variant="body2" color="text.secondary">
        {translate(key, { from, to })}
      </Typography>
    </Stack>
  );
}
