import { Chip, Tooltip } from '@mui/material';
import { useLocaleState, useRecordContext, useTranslate } from 'react-admin';
import type { ComplaintView } from '../types';

/** Days within which a running clock turns amber (限时办结 reminder window). */
export const SLA_WARNING_DAYS = 3;

type Tone = 'success' | 'warning' | 'error' | 'default';

export function slaTone(record: Pick<ComplaintView, 'daysLeft' | 'overdue' | 'clockState'>): Tone {
  if (record.overdue) return 'error';
  if (record.clockState === 'stopped' || record.daysLeft === null) return 'default';
  return record.daysLeft <= SLA_WARNING_DAYS ? 'warning' : 'success';
}

/** Days left until the time limit: green, amber at ≤3 days, red once overdue. */
export function SlaBadge(_props: { label?: string }) {
  const record = useRecordContext<ComplaintView>();
  const translate = useTranslate();
  const [locale] = useLocaleState();
  if (!record) return null;
  const tone = slaTone(record);
  const days = record.daysLeft;
  let text: string;
  if (record.overdue) {
    text = translate('xb.sla.overdue', { smart_count: Math.max(1, Math.abs(days ?? 1)) });
  } else if (record.clockState === 'stopped' || days === null) {
    text = translate('xb.sla.stopped');
  } else if (days === 0) {
    text = translate('xb.sla.due_today');
  } else {
    text = translate('xb.sla.days_left', { smart_count: days });
  }
  if (record.clockState === 'paused' && !record.overdue) {
    text = `${text} · ${translate('xb.sla.paused')}`;
  }
  const due = record.dueAt ? new Date(record.dueAt).toLocaleString(locale) : '';
  return (
    <Tooltip title={due}>
      <Chip size="small" color={tone} label={text} data-sla={tone} />
    </Tooltip>
  );
}
