import { Chip, Tooltip } from '@mui/material';
import { useLocaleState, useRecordContext, useTranslate } from 'react-admin';
import { formatDateTime } from '../../../common/DateTimeField';
import { TRANSFERRED_CHANNELS, type ComplaintView } from '../../../types';

/** Days within which a running clock turns amber (限时办结 reminder window). */
export const SLA_WARNING_DAYS = 3;

/** The basic limit; more means the complaint was extended (30, then 60). */
const BASE_LIMIT_DAYS = 15;

type Tone = 'success' | 'warning' | 'error' | 'default';

export function slaTone(record: Pick<ComplaintView, 'daysLeft' | 'overdue' | 'clockState'>): Tone {
  if (record.overdue) return 'error';
  if (record.clockState === 'stopped' || record.daysLeft === null) return 'default';
  return record.daysLeft <= SLA_WARNING_DAYS ? 'warning' : 'success';
}

/**
 * Days left until the time limit: green, amber at ≤3 days, red once overdue; says when
 * the clock is paused (outside appraisal) and when the limit was extended. The tooltip
 * gives the due time and the limit.
 */
export function SlaBadge(_props: { label?: string }) {
  const record = useRecordContext<ComplaintView>();
  const translate = useTranslate();
  const [locale] = useLocaleState();
  if (!record) return null;
  const tone = slaTone(record);
  const days = record.daysLeft;
  const parts: string[] = [];
  if (record.overdue) {
    parts.push(translate('xb.sla.overdue', { smart_count: Math.max(1, Math.abs(days ?? 1)) }));
  } else if (record.clockState === 'stopped' || days === null) {
    parts.push(translate('xb.sla.stopped'));
  } else if (days === 0) {
    parts.push(translate('xb.sla.due_today'));
  } else {
    parts.push(translate('xb.sla.days_left', { smart_count: days }));
  }
  const paused = record.clockState === 'paused';
  if (paused && !record.overdue) parts.push(translate('xb.sla.paused'));
  const limit = record.timeLimitDays ?? BASE_LIMIT_DAYS;
  if (limit > BASE_LIMIT_DAYS && record.clockState !== 'stopped') parts.push(translate('xb.sla.extended', { days: limit }));
  const tooltip = [
    record.dueAt ? formatDateTime(record.dueAt, locale) : '',
    record.clockStartedAt ? translate('xb.sla.limit', { days: limit, start: formatDateTime(record.clockStartedAt, locale) }) : '',
  ]
    .filter(Boolean)
    .join(' · ');
  return (
    <Tooltip title={tooltip}>
      <Chip
        size="small"
        color={tone}
        variant={paused ? 'outlined' : 'filled'}
        label={parts.join(' · ')}
        data-sla={tone}
        data-clock={record.clockState}
      />
    </Tooltip>
  );
}

/**
 * Report-back deadline of a complaint transferred in by 12345, 12363 or a regulator: red
 * once passed while the customer has not yet been told.
 */
export function ReportBackDue({ compact = false }: { label?: string; compact?: boolean }) {
  const record = useRecordContext<ComplaintView>();
  const translate = useTranslate();
  const [locale] = useLocaleState();
  if (!record || !record.reportBackDueAt || !TRANSFERRED_CHANNELS.includes(record.channel)) return null;
  const date = formatDateTime(record.reportBackDueAt, locale);
  const pending = ['received', 'assigned', 'in_progress', 'resolved'].includes(record.status);
  const passed = pending && new Date(record.reportBackDueAt).getTime() < Date.now();
  const text = translate(passed ? 'xb.sla.report_back_overdue' : 'xb.sla.report_back', { date });
  return (
    <Tooltip title={compact ? text : ''}>
      <Chip size="small" variant="outlined" color={passed ? 'error' : 'info'} label={compact ? date : text} data-testid="report-back-due" />
    </Tooltip>
  );
}
