import { Chip, Stack, Tooltip, Typography } from '@mui/material';
import { Link, useGetMany, useGetOne, useLocaleState, useRecordContext, useTranslate } from 'react-admin';
import { formatDateTime } from '../../../common/DateTimeField';
import type { ComplaintView } from '../../../types';

const showPath = (id: string) => `/complaints/${encodeURIComponent(id)}/show`;

/** Reference of a linked complaint (the id, shortened, when it lies outside the user's scope). */
function ComplaintLink({ id, reference }: { id: string; reference?: string }) {
  return (
    <Link to={showPath(id)} data-testid="complaint-link">
      {reference ?? id.slice(0, 8)}
    </Link>
  );
}

/** Escalated (督办), a repeat complaint, its later repeats, reopened, typical case: one line of markers above the details. */
export function ComplaintFlags() {
  const record = useRecordContext<ComplaintView>();
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const { data: original } = useGetOne<ComplaintView>('complaints', { id: record?.repeatOfId ?? '' }, { enabled: !!record?.repeatOfId, retry: false });
  const repeatIds = record?.repeats ?? [];
  const { data: repeats } = useGetMany<ComplaintView>('complaints', { ids: repeatIds }, { enabled: repeatIds.length > 0, retry: false });
  if (!record) return null;
  const { escalation } = record;
  const reopened = record.reopenCount ?? 0;
  if (!escalation && !record.repeatOfId && repeatIds.length === 0 && !record.typical && reopened === 0) return null;
  return (
    <Stack direction="row" spacing={1} useFlexGap sx={{ alignItems: 'center', flexWrap: 'wrap', mb: 2 }} data-testid="complaint-flags">
      {escalation && (
        <Tooltip
          title={translate('xb.complaints.escalated_tooltip', {
            since: formatDateTime(escalation.overdueSince, locale),
            at: formatDateTime(escalation.at, locale),
          })}
        >
          <Chip color="error" size="small" label={translate('xb.complaints.escalated')} data-testid="escalated" />
        </Tooltip>
      )}
      {reopened > 0 && <Chip color="warning" size="small" variant="outlined" label={translate('xb.complaints.reopened_times', { smart_count: reopened })} />}
      {record.repeatOfId && (
        <Stack direction="row" spacing={0.5} sx={{ alignItems: 'center' }}>
          <Chip color="warning" size="small" label={translate('xb.complaints.repeat')} />
          <Typography variant="body2" component="span">
            <ComplaintLink id={record.repeatOfId} reference={original?.reference} />
          </Typography>
        </Stack>
      )}
      {repeatIds.length > 0 && (
        <Stack direction="row" spacing={0.5} sx={{ alignItems: 'center' }}>
          <Typography variant="body2" color="text.secondary" component="span">
            {translate('xb.complaints.repeats')}:
          </Typography>
          {repeatIds.map((id) => (
            <Typography key={id} variant="body2" component="span">
              <ComplaintLink id={id} reference={repeats?.find((r) => r.id === id)?.reference} />
            </Typography>
          ))}
        </Stack>
      )}
      {record.typical && (
        <Chip
          color="success"
          size="small"
          variant="outlined"
          label={translate('xb.complaints.typical')}
          component={Link}
          to={`/case-archive/${encodeURIComponent(record.id)}/show`}
          clickable
        />
      )}
    </Stack>
  );
}
