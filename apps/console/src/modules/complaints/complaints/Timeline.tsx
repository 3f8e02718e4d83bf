import { Alert, Box, Chip, Stack, Typography } from '@mui/material';
import type { ReactNode } from 'react';
import { useGetList, useGetOne, useLocaleState, useRecordContext, useTranslate } from 'react-admin';
import { formatDateTime } from '../../../common/DateTimeField';
import { PersonName } from '../../../common/PersonName';
import type { TimelineRecord } from '../../../providers/data-provider';
import type { ComplaintView, OrgUnitView } from '../../../types';
import { useCodeLabel, type CodeList } from './complaint-codes';

/** Timeline facts worth showing, in this order; the rest of `data` (ids, codes for machines) stays hidden. */
const SHOWN: readonly string[] = [
  'unitName',
  'handlerUsername',
  'reassigned',
  'outcome',
  'compensationAmount',
  'resolution',
  'decidedWithinLimit',
  'onTime',
  'method',
  'informedAt',
  'satisfaction',
  'disputesOutcome',
  'reason',
  'newFacts',
  'limitDays',
  'customerNotifiedAt',
  'approvedBy',
  'pausedMs',
  'dueAt',
  'tags',
  'rootCause',
  'thresholdDays',
  'fileName',
];

const CODED: Record<string, CodeList> = { outcome: 'outcomes', method: 'replyMethods', satisfaction: 'satisfactionLevels' };
const INSTANTS = new Set(['informedAt', 'customerNotifiedAt', 'dueAt']);
/** Facts shown only for these actions (a due date is news when it moves). */
const ONLY_FOR: Record<string, readonly string[]> = { dueAt: ['extended', 'resumed', 'reopened', 'reminded', 'escalated', 'deadline-recounted'] };
/** Facts that only matter when true ("reassigned: no" says nothing). */
const ONLY_WHEN_TRUE = new Set(['reassigned']);

const DOT_COLOURS: Record<string, string> = {
  received: 'info.main',
  assigned: 'primary.main',
  started: 'secondary.main',
  resolved: 'success.main',
  replied: 'success.main',
  closed: 'text.disabled',
  rejected: 'warning.main',
  withdrawn: 'warning.main',
  reopened: 'error.main',
  escalated: 'error.main',
  reminded: 'warning.main',
};

function useFactText() {
  const translate = useTranslate();
  const duration = (ms: number) =>
    ms < 36e5
      ? translate('xb.timeline.minutes', { smart_count: Math.max(1, Math.round(ms / 6e4)) })
      : ms < 864e5
        ? translate('xb.timeline.hours', { smart_count: Math.round(ms / 36e5) })
        : translate('xb.timeline.days', { smart_count: Math.round((ms / 864e5) * 10) / 10 });
  const [locale] = useLocaleState();
  const outcomes = useCodeLabel('outcomes');
  const methods = useCodeLabel('replyMethods');
  const satisfaction = useCodeLabel('satisfactionLevels');
  const labels: Partial<Record<CodeList, (key: string) => string>> = { outcomes, replyMethods: methods, satisfactionLevels: satisfaction };
  return (key: string, value: unknown): string | null => {
    if (value === null || value === undefined || value === '') return null;
    if (ONLY_WHEN_TRUE.has(key) && value !== true) return null;
    if (CODED[key]) return labels[CODED[key]]?.(String(value)) ?? String(value);
    if (INSTANTS.has(key)) return formatDateTime(String(value), locale);
    if (typeof value === 'boolean') return translate(value ? 'xb.complaints.yes' : 'xb.complaints.no');
    if (key === 'pausedMs' && typeof value === 'number') return duration(value);
    if (Array.isArray(value)) return value.join('、');
    if (typeof value === 'object') return null;
    return String(value);
  };
}

/** Facts that name a person: shown by name and unit (PersonName), the id from the step's data. */
const PERSON_FACTS: Record<string, (data: Record<string, unknown>) => { id?: string; username?: string } | undefined> = {
  handlerUsername: (d) => ({ id: d.handlerId as string | undefined, username: d.handlerUsername as string | undefined }),
  approvedBy: (d) => d.approvedBy as { id?: string; username?: string } | undefined,
};

/** The unit a complaint was escalated to (督办), by name when the user may read it. */
function EscalatedTo({ unitId }: { unitId: string }) {
  const translate = useTranslate();
  const { data } = useGetOne<OrgUnitView>('org-units', { id: unitId }, { retry: false });
  if (!data) return null;
  return (
    <Typography variant="caption" component="div" sx={{ mt: 0.5 }}>
      <Box component="span" sx={{ color: 'text.secondary', mr: 1.5 }}>
        {translate('xb.timeline.data.toUnitName')}
      </Box>
      {data.name}
    </Typography>
  );
}

function Step({ step, last, children }: { step: TimelineRecord; last: boolean; children: ReactNode }) {
  return (
    <Box sx={{ display: 'flex', gap: 2 }} data-testid="timeline-step" data-action={step.action}>
      <Box sx={{ display: 'flex', flexDirection: 'column', alignItems: 'center', pt: 0.75 }}>
        <Box sx={{ width: 12, height: 12, borderRadius: '50%', bgcolor: DOT_COLOURS[step.action] ?? 'grey.500', flexShrink: 0 }} />
        {!last && <Box sx={{ width: 2, flexGrow: 1, bgcolor: 'divider', my: 0.5 }} />}
      </Box>
      <Box sx={{ pb: last ? 0 : 2, flexGrow: 1, minWidth: 0 }}>{children}</Box>
    </Box>
  );
}

/**
 * The complaint's history (受理 → 分办 → 处理 → 办结 → 反馈 → 回访, and every side step),
 * oldest first: what happened, status from → to, who, when, the note and the action's
 * facts, all in the UI language.
 */
export function Timeline() {
  const record = useRecordContext<ComplaintView>();
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const status = useCodeLabel('statuses');
  const fact = useFactText();
  const { data, isPending, error } = useGetList<TimelineRecord>(
    'complaint-timeline',
    { filter: { complaintId: record?.id }, pagination: { page: 1, perPage: 500 }, sort: { field: 'at', order: 'ASC' } },
    { enabled: !!record?.id },
  );
  if (!record) return null;
  if (error) return <Alert severity="warning">{translate('xb.timeline.error')}</Alert>;
  if (isPending) return <Typography color="text.secondary">…</Typography>;
  if (!data?.length) return <Typography color="text.secondary">{translate('xb.timeline.empty')}</Typography>;
  const steps = [...data].sort((a, b) => a.at.localeCompare(b.at));
  return (
    <Box data-testid="timeline">
      {steps.map((step, index) => {
        const facts = SHOWN.filter((key) => !ONLY_FOR[key] || ONLY_FOR[key].includes(step.action))
          .map((key): readonly [string, ReactNode] => {
            const person = PERSON_FACTS[key]?.(step.data ?? {});
            if (PERSON_FACTS[key]) return [key, person?.id || person?.username ? <PersonName id={person.id} fallback={person.username} /> : null];
            return [key, fact(key, step.data?.[key])];
          })
          .filter((entry): entry is readonly [string, ReactNode] => !!entry[1]);
        return (
          <Step key={step.id} step={step} last={index === steps.length - 1}>
            <Stack direction="row" spacing={1} useFlexGap sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
              <Typography variant="body2" sx={{ fontWeight: 600 }}>
                {translate(`xb.timeline.actions.${step.action.replace('-', '_')}`, { _: step.action })}
              </Typography>
              {step.fromStatus && step.toStatus && step.fromStatus !== step.toStatus && (
                <Chip size="small" variant="outlined" label={`${status(step.fromStatus)} → ${status(step.toStatus)}`} />
              )}
              {!step.fromStatus && step.toStatus && <Chip size="small" variant="outlined" label={status(step.toStatus)} />}
              <Typography variant="caption" color="text.secondary">
                {formatDateTime(step.at, locale)} · {step.actor ? <PersonName id={step.actor.id} fallback={step.actor.username} /> : translate('xb.timeline.system')}
              </Typography>
            </Stack>
            {facts.length > 0 && (
              <Box component="dl" sx={{ m: 0, mt: 0.5, display: 'grid', gridTemplateColumns: 'max-content 1fr', columnGap: 1.5, rowGap: 0.25 }}>
                {facts.map(([key, text]) => (
                  <Box key={key} sx={{ display: 'contents' }}>
                    <Typography component="dt" variant="caption" color="text.secondary">
                      {translate(`xb.timeline.data.${key}`)}
                    </Typography>
                    <Typography component="dd" variant="caption" sx={{ m: 0, whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>
                      {text}
                    </Typography>
                  </Box>
                ))}
              </Box>
            )}
            {step.action === 'escalated' && typeof step.data?.toUnitId === 'string' && <EscalatedTo unitId={step.data.toUnitId} />}
            {step.note && (
              <Typography variant="body2" sx={{ mt: 0.5, whiteSpace: 'pre-wrap' }}>
                {step.note}
              </Typography>
            )}
          </Step>
        );
      })}
    </Box>
  );
}
