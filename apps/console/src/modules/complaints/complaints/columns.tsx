import { Box, Chip, Stack, Tooltip } from '@mui/material';
import { ColumnsButton, ExportButton, TopToolbar, useLocaleState, useRecordContext, useTranslate } from 'react-admin';
import { formatDateTime } from '../../../common/DateTimeField';
import { TruncatedText } from '../../../common/FittedList';
import { PersonName } from '../../../common/PersonName';
import { useCodeLabel } from './complaint-codes';
import { session } from '../../../providers/session';
import type { ComplaintView } from '../../../types';

/** Where the complaint lies in the path, assigned unit and handler: "资阳分行 · 李处理" (the handler by name, never the login id). */
export function AssigneeField(_props: { label?: string }) {
  const record = useRecordContext<ComplaintView>();
  const translate = useTranslate();
  if (!record) return null;
  const mine = !!record.assignedHandlerId && record.assignedHandlerId === session.getUser()?.id;
  return (
    <Box component="span" title={record.assignedUnitName ?? undefined} sx={{ display: 'inline-flex', alignItems: 'center', maxWidth: 200, whiteSpace: 'nowrap' }}>
      <Box component="span" sx={{ overflow: 'hidden', textOverflow: 'ellipsis' }}>
      {record.assignedUnitName ?? (record.assignedHandlerId ? '' : '—')}
      {record.assignedUnitName && record.assignedHandlerId ? ' · ' : ''}
      {record.assignedHandlerId && <PersonName id={record.assignedHandlerId} fallback={record.assignedHandlerUsername} withUnit={false} />}
      </Box>
      {mine && <Chip size="small" color="primary" label={translate('xb.queue.mine')} sx={{ ml: 1 }} data-testid="mine" />}
    </Box>
  );
}

/** Why a complaint is on the supervision board: escalated (督办), overdue, or due soon. */
export function SupervisionReasonField(_props: { label?: string }) {
  const record = useRecordContext<ComplaintView>();
  const translate = useTranslate();
  if (!record) return null;
  if (record.escalation) return <EscalationMarker />;
  if (record.overdue) return <Chip size="small" color="error" variant="outlined" label={translate('xb.board.overdue')} />;
  return <Chip size="small" color="warning" variant="outlined" label={translate('xb.board.due_soon')} />;
}

/** A small red marker in lists for escalated complaints: the short word, the when and why in its tooltip. */
export function EscalationMarker(_props: { label?: string }) {
  const record = useRecordContext<ComplaintView>();
  const translate = useTranslate();
  const [locale] = useLocaleState();
  if (!record?.escalation) return null;
  return (
    <Tooltip
      title={translate('xb.complaints.escalated_tooltip', {
        since: formatDateTime(record.escalation.overdueSince, locale),
        at: formatDateTime(record.escalation.at, locale),
      })}
    >
      <Chip size="small" color="error" label={translate('xb.board.escalated')} data-testid="escalated" />
    </Tooltip>
  );
}

/** The reference, and the 督办 marker when escalated (one column less than a column of its own). */
export function ReferenceWithEscalation(_props: { label?: string }) {
  const record = useRecordContext<ComplaintView>();
  if (!record) return null;
  return (
    <Stack direction="row" spacing={0.5} sx={{ alignItems: 'center' }}>
      <span>{record.reference}</span>
      <EscalationMarker />
    </Stack>
  );
}

/** A coded value by its label, cut to `maxWidth` with the whole label in a tooltip. */
function CodeCell({ list, value, maxWidth }: { list: Parameters<typeof useCodeLabel>[0]; value: string | undefined; maxWidth: number }) {
  const label = useCodeLabel(list);
  return <TruncatedText text={value ? label(value) : null} maxWidth={maxWidth} />;
}

/** Business category, cut to fit ("Self-service devices (ATM, phone banking)"). */
export function CategoryCell(_props: { label?: string }) {
  const record = useRecordContext<ComplaintView>();
  return <CodeCell list="businessCategories" value={record?.businessCategory} maxWidth={150} />;
}

/** The channel, cut to fit ("Regulator transfer (12378 …)"). */
export function ChannelCell(_props: { label?: string }) {
  const record = useRecordContext<ComplaintView>();
  return <CodeCell list="channels" value={record?.channel} maxWidth={130} />;
}

/** The queue and the board: the columns button (with the channel hidden at first, so they fit 1440 px in both languages) and the export. */
export const HIDDEN_AT_FIRST = ['channel'];
export const QueueActions = () => (
  <TopToolbar>
    <ColumnsButton />
    <ExportButton />
  </TopToolbar>
);

/** Rows of the queue and the board open the complaint itself. */
export const showComplaint = (id: string | number) => `/complaints/${encodeURIComponent(String(id))}/show`;
