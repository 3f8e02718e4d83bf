import { Box, Chip, Tooltip, Typography } from '@mui/material';
import type { MouseEvent, ReactNode } from 'react';
import { Link, useGetManyAggregate, useLocaleState, useTranslate, type TranslateFunction } from 'react-admin';
import { useCodeLabel, type CodeList } from '../modules/complaints/complaints/complaint-codes';
import { MODULES } from '../modules';
import type { AuditLogEntry, OrgUnitView } from '../types';
import { formatDateTime } from './DateTimeField';
import { PersonName } from './PersonName';

/** `complaints.complaint.pii-revealed` → `complaints_complaint_pii_revealed` (polyglot keys may not hold dots). */
export const auditActionKey = (action: string) => action.replace(/[.-]/g, '_');

/** The action's name in the UI language; an action no module translates reads as its last words ("pii revealed"). */
export function auditActionLabel(translate: TranslateFunction, action: string): string {
  const fallback = (action.split('.').slice(1).join(' ') || action).replace(/-/g, ' ');
  return translate(`xb.audit.actions.${auditActionKey(action)}`, { _: fallback });
}

/**
 * Audit resources (the events' aggregate types) → the console resource whose show page
 * displays that record: the fallback when no module declares `auditLinks` for it.
 */
const AUDIT_RESOURCE_PAGES: Record<string, string> = {
  user: 'users',
  'org-unit': 'org-units',
  exam: 'exams',
  question: 'questions',
  'training-session': 'training-sessions',
  'policy-document': 'policy-documents',
  'policy-version': 'policy-versions',
  incident: 'incidents',
  drill: 'drills',
  template: 'inspection-templates',
  inspection: 'inspections',
  rectification: 'rectifications',
  campaign: 'campaigns',
  activity: 'campaign-activities',
};

/** The console path of the record an entry is about: the modules' `auditLinks`, else its resource's show page; undefined when none shows it. */
export function auditRecordPath(entry: Pick<AuditLogEntry, 'resource' | 'resourceId'>): string | undefined {
  if (!entry.resourceId) return undefined;
  for (const m of MODULES) {
    const link = m.auditLinks?.[entry.resource];
    if (link) return link(entry.resourceId);
  }
  const page = AUDIT_RESOURCE_PAGES[entry.resource];
  return page ? `/${page}/${encodeURIComponent(entry.resourceId)}/show` : undefined;
}

/** Detail keys that name the record (a reference, a title …), in order of preference. */
const RECORD_NAME_KEYS = ['reference', 'title', 'name', 'documentTitle', 'campaignName', 'itemText', 'code', 'username'] as const;

/** Facts shown in the one-line summary, in this order (the rest is in the expanded details). */
const SUMMARY_FACTS = ['reason', 'unitName', 'handlerId', 'name', 'fileName', 'username', 'changed', 'thresholdDays', 'ip'] as const;

/** Detail keys that hold a user id: shown by name. */
const PERSON_KEYS = new Set(['handlerId', 'actorId', 'userId', 'approvedById', 'assigneeId', 'inspectorId', 'verifiedById', 'ownerId']);
/** Detail keys that hold an org unit id: shown by the unit's name. */
const UNIT_KEYS = /^(orgUnitId|unitId|outletId|parentId|ownerUnitId|[a-z]+UnitId)$/;
/** An ISO instant (as events carry them): shown in the UI's local format. */
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Complaint facts that are codes of the coded lists (channels, categories …): shown by their label. */
const COMPLAINT_CODE_KEYS: Record<string, CodeList> = {
  channel: 'channels',
  businessCategory: 'businessCategories',
  cause: 'causes',
  severity: 'severities',
  status: 'statuses',
  fromStatus: 'statuses',
  toStatus: 'statuses',
  outcome: 'outcomes',
  method: 'replyMethods',
  satisfaction: 'satisfactionLevels',
};
/** Where the other modules keep the labels of their records' statuses (their messages files). */
const STATUS_LABELS: Record<string, string> = {
  exam: 'xb.training.status',
  attempt: 'xb.training.status',
  question: 'xb.training.status',
  'training-session': 'xb.training.status',
  'policy-document': 'xb.policies.status',
  'policy-version': 'xb.policies.status',
  incident: 'xb.policies.incident_status',
  inspection: 'xb.inspections.status',
  rectification: 'xb.inspections.rect_status',
  campaign: 'xb.campaigns.status',
  activity: 'xb.campaigns.status',
};

/** Where a resource's field labels live, for details that name fields (a reveal's `fields`, `levels`). */
const FIELD_LABELS: Record<string, string> = { complaint: 'resources.complaints.fields', user: 'resources.users.fields', 'org-unit': 'resources.org-units.fields' };

/** A detail's label: the shared list under xb.audit.details, else the resource's field label, else the key itself. */
export const detailLabel = (translate: TranslateFunction, key: string, resource?: string) => {
  const field = resource && FIELD_LABELS[resource] ? translate(`${FIELD_LABELS[resource]}.${key}`, { _: key }) : key;
  return translate(`xb.audit.details.${key}`, { _: field });
};

/** The raw value, for the tooltip of a readable one. */
const rawText = (value: unknown) => (typeof value === 'string' ? value : JSON.stringify(value));

/** A readable value whose raw form (id, code, ISO instant) stays one hover away. */
function WithRaw({ raw, children }: { raw: unknown; children: ReactNode }) {
  return (
    <Tooltip title={rawText(raw)} placement="top-start">
      <Box component="span" data-raw={rawText(raw)} sx={{ borderBottom: '1px dotted', borderColor: 'text.disabled', cursor: 'help' }}>
        {children}
      </Box>
    </Tooltip>
  );
}

/** An org unit by id: its name (code), within the reader's scope; else the id shortened. */
export function UnitName({ id }: { id: string }) {
  const { data, isPending } = useGetManyAggregate<OrgUnitView>('org-units', { ids: [id] }, { retry: false });
  if (isPending) return <Box component="span" sx={{ color: 'text.disabled' }}>…</Box>;
  const unit = data?.[0];
  return <WithRaw raw={id}>{unit ? unit.name : `${id.slice(0, 8)}…`}</WithRaw>;
}

/** A coded value of a complaint list in the UI language. */
function ComplaintCode({ list, value }: { list: CodeList; value: string }) {
  const label = useCodeLabel(list);
  return <WithRaw raw={value}>{label(value)}</WithRaw>;
}

/** Milliseconds as days / hours / minutes (paused time …). */
function duration(translate: TranslateFunction, ms: number): string {
  const minutes = Math.round(ms / 60_000);
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const rest = minutes % 60;
  const parts = [days && translate('xb.audit.duration.days', { smart_count: days }), hours && translate('xb.audit.duration.hours', { smart_count: hours }), (rest || (!days && !hours)) && translate('xb.audit.duration.minutes', { smart_count: rest })];
  return parts.filter(Boolean).join(' ');
}

/**
 * One detail value, readable: people and units by name, coded values (status, channel,
 * category …) by their label, instants in the UI's local format, nested facts (the
 * previous assignment, who approved) in words; the raw value in the tooltip.
 */
export function DetailValue({ name, value, resource }: { name: string; value: unknown; resource?: string }): ReactNode {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'string' && PERSON_KEYS.has(name) && UUID.test(value)) return <PersonName id={value} />;
  if (typeof value === 'string' && UNIT_KEYS.test(name) && UUID.test(value)) return <UnitName id={value} />;
  if (typeof value === 'boolean') return translate(value ? 'xb.complaints.yes' : 'xb.complaints.no');
  if (typeof value === 'string' && ISO_INSTANT.test(value) && !Number.isNaN(Date.parse(value))) return <WithRaw raw={value}>{formatDateTime(value, locale)}</WithRaw>;
  if (typeof value === 'string' && resource === 'complaint' && COMPLAINT_CODE_KEYS[name]) return <ComplaintCode list={COMPLAINT_CODE_KEYS[name]} value={value} />;
  if (typeof value === 'string' && /status$/i.test(name) && resource && STATUS_LABELS[resource]) {
    return <WithRaw raw={value}>{translate(`${STATUS_LABELS[resource]}.${value}`, { _: value })}</WithRaw>;
  }
  if (typeof value === 'number' && /Ms$/.test(name)) return <WithRaw raw={value}>{duration(translate, value)}</WithRaw>;
  if (typeof value === 'string' && UUID.test(value)) {
    return (
      <Box component="span" title={value} sx={{ fontFamily: 'monospace' }}>
        {value.slice(0, 8)}…
      </Box>
    );
  }
  // Field names (a reveal's `fields`) by their labels.
  if (name === 'fields' && Array.isArray(value) && value.every((v) => typeof v === 'string')) {
    return <WithRaw raw={value}>{value.map((f) => detailLabel(translate, f, resource)).join('、')}</WithRaw>;
  }
  if (Array.isArray(value) && value.every((v) => typeof v !== 'object')) return value.join('、');
  if (typeof value === 'object' && !Array.isArray(value)) {
    const fields = value as Record<string, unknown>;
    // Someone on record ({id, username}): by name.
    if (typeof fields.id === 'string' && typeof fields.username === 'string') return <PersonName id={fields.id} fallback={fields.username} />;
    const entries = Object.entries(fields).filter(([k, v]) => v !== null && v !== undefined && !k.endsWith('Username') && !(k === 'unitId' && fields.unitName));
    return (
      <Box component="span" data-testid="audit-nested">
        {entries.map(([k, v], i) => (
          <Box component="span" key={k}>
            {i > 0 && ' · '}
            {detailLabel(translate, k, resource)} <DetailValue name={k} value={v} resource={resource} />
          </Box>
        ))}
      </Box>
    );
  }
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
  const nameKey = RECORD_NAME_KEYS.find((k) => typeof details[k] === 'string' && details[k] !== '');
  const path = auditRecordPath(entry);
  const resourceLabel = translate(`xb.audit.resources.${entry.resource}`, { _: entry.resource });
  const recordText = nameKey ? String(details[nameKey]) : entry.resourceId ? `${entry.resourceId.slice(0, 8)}…` : '';
  const facts = SUMMARY_FACTS.filter((k) => details[k] !== undefined && details[k] !== null && details[k] !== '' && k !== nameKey);
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
          <DetailValue name={k} value={details[k]} resource={entry.resource} />
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
