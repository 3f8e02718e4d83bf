import { Box, Chip, Typography } from '@mui/material';
import type { MouseEvent, ReactNode } from 'react';
import { Link, useLocaleState, useTranslate, type TranslateFunction } from 'react-admin';
import { MODULES } from '../modules';
import type { AuditLogEntry } from '../types';
import { formatDateTime } from './DateTimeField';
import { PersonName } from './PersonName';

/** `complaints.complaint.pii-revealed` → `complaints_complaint_pii_revealed` (polyglot keys may not hold dots). */
export const auditActionKey = (action: string) => action.replace(/[.-]/g, '_');

/** The action's name in the UI language; an action no module translates reads as its last words ("pii revealed"). */
export function auditActionLabel(translate: TranslateFunction, action: string): string {
  const fallback = (action.split('.').slice(1).join(' ') || action).replace(/-/g, ' ');
  return translate(`xb.audit.actions.${auditActionKey(action)}`, { _: fallback });
}

/** The console path of the record an entry is about, from the modules' `auditLinks`; undefined when none shows it. */
export function auditRecordPath(entry: Pick<AuditLogEntry, 'resource' | 'resourceId'>): string | undefined {
  if (!entry.resourceId) return undefined;
  for (const m of MODULES) {
    const link = m.auditLinks?.[entry.resource];
    if (link) return link(entry.resourceId);
  }
  return undefined;
}

/** Facts shown in the one-line summary, in this order (the rest is in the expanded details). */
const SUMMARY_FACTS = ['reason', 'unitName', 'handlerId', 'name', 'fileName', 'username', 'changed', 'thresholdDays', 'ip'] as const;

/** Detail keys that hold a user id: shown by name. */
const PERSON_KEYS = new Set(['handlerId', 'actorId', 'userId', 'approvedById']);
/** Detail keys that hold an instant. */
const INSTANT_KEYS = /At$|^until$|^lockedUntil$/;

/** A detail's label: the shared list under xb.audit.details, else the key itself. */
export const detailLabel = (translate: TranslateFunction, key: string) => translate(`xb.audit.details.${key}`, { _: key });

/** One detail value, readable: people by name, instants in the UI's format, lists joined, ids shortened (whole id in the tooltip). */
export function DetailValue({ name, value }: { name: string; value: unknown }): ReactNode {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  if (value === null || value === undefined || value === '') return '—';
  if (PERSON_KEYS.has(name) && typeof value === 'string') return <PersonName id={value} />;
  if (typeof value === 'boolean') return translate(value ? 'xb.complaints.yes' : 'xb.complaints.no');
  if (typeof value === 'string' && INSTANT_KEYS.test(name) && !Number.isNaN(Date.parse(value))) return formatDateTime(value, locale);
  if (typeof value === 'string' && /^[0-9a-f]{8}-[0-9a-f]{4}-/i.test(value)) {
    return (
      <Box component="span" title={value} sx={{ fontFamily: 'monospace' }}>
        {value.slice(0, 8)}…
      </Box>
    );
  }
  if (Array.isArray(value) && value.every((v) => typeof v !== 'object')) return value.join('、');
  if (typeof value === 'object') return <Box component="span" sx={{ fontFamily: 'monospace', fontSize: 12, wordBreak: 'break-all' }}>{JSON.stringify(value)}</Box>;
  return String(value);
}

/**
 * One audit entry as a sentence: who (name and unit) did what (translated) to which record
 * (linked), with the facts that matter (reason, unit, handler, file …). The audit log's rows
 * and any "recent activity" list use this, so every module's entries read the same.
 */
export function AuditSummary({ entry, showActor = true }: { entry: AuditLogEntry; showActor?: boolean }) {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const colon = locale.startsWith('zh') ? '：' : ': ';
  const details = entry.details ?? {};
  const reference = typeof details.reference === 'string' ? details.reference : undefined;
  const path = auditRecordPath(entry);
  const resourceLabel = translate(`xb.audit.resources.${entry.resource}`, { _: entry.resource });
  const recordText = reference ?? (typeof details.name === 'string' ? details.name : entry.resourceId ? `${entry.resourceId.slice(0, 8)}…` : '');
  const facts = SUMMARY_FACTS.filter((k) => details[k] !== undefined && details[k] !== null && details[k] !== '' && !(k === 'name' && recordText === details.name));
  return (
    <Box component="span" data-testid="audit-summary" sx={{ display: 'inline' }}>
      {showActor && (
        <Box component="span" sx={{ fontWeight: 600 }}>
          {entry.actorId ? <PersonName id={entry.actorId} fallback={entry.actorUsername} /> : entry.actorUsername ?? translate('xb.timeline.system')}
        </Box>
      )}
      {showActor && ' '}
      {auditActionLabel(translate, entry.action)}
      {entry.resource !== 'auth' && (
        <>
          {' '}
          {resourceLabel}{' '}
          {path ? (
            <Link to={path} onClick={(e: MouseEvent) => e.stopPropagation()} data-testid="audit-record-link">
              {recordText}
            </Link>
          ) : (
            recordText
          )}
        </>
      )}
      {facts.map((k) => (
        <Typography key={k} component="span" variant="body2" color="text.secondary">
          {' · '}
          {detailLabel(translate, k)}
          {colon}
          <DetailValue name={k} value={details[k]} />
        </Typography>
      ))}
    </Box>
  );
}

/** The action as a small chip, coloured by kind (reveals and failures stand out). */
export function AuditActionChip({ action }: { action: string }) {
  const translate = useTranslate();
  const colour = /pii-revealed|downloaded/.test(action) ? 'warning' : /failed|refused|locked|escalated/.test(action) ? 'error' : 'default';
  return <Chip size="small" variant="outlined" color={colour} label={auditActionLabel(translate, action)} sx={{ maxWidth: 180 }} />;
}
