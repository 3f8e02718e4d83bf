import { Box, Typography } from '@mui/material';
import { useState, type SyntheticEvent } from 'react';
import {
  DataTable,
  DateTimeInput,
  FilterButton,
  List,
  SelectInput,
  TextInput,
  TopToolbar,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import { AuditActionChip, AuditSummary, auditActionLabel, DetailValue, detailLabel } from '../../../common/AuditSummary';
import { DateTimeField } from '../../../common/DateTimeField';
import { PersonName } from '../../../common/PersonName';
import type { AuditLogEntry } from '../../../types';
import { VerifyChainButton } from './VerifyChainButton';

const toInstant = (value: string) => (value ? new Date(value).toISOString() : undefined);

/** Actions offered in the filter (the server matches a prefix, so the groups work too); others can be typed into the URL. */
const ACTION_CHOICES = [
  'auth.login.',
  'auth.login.succeeded',
  'auth.login.failed',
  'auth.account.locked',
  'auth.user.',
  'org.unit.',
  'complaints.complaint.',
  'complaints.complaint.received',
  'complaints.complaint.assigned',
  'complaints.complaint.resolved',
  'complaints.complaint.closed',
  'complaints.complaint.pii-revealed',
  'complaints.complaint.escalated',
  'files.file.downloaded',
];
const RESOURCE_CHOICES = ['auth', 'user', 'org-unit', 'complaint', 'file'];

function ActionFilter(props: { source: string; alwaysOn?: boolean }) {
  const translate = useTranslate();
  const choices = ACTION_CHOICES.map((id) => ({ id, name: id.endsWith('.') ? translate(`xb.audit.groups.${id.slice(0, -1).replace(/\./g, '_')}`, { _: id }) : auditActionLabel(translate, id) }));
  return <SelectInput {...props} choices={choices} />;
}

function ResourceFilter(props: { source: string }) {
  const translate = useTranslate();
  return <SelectInput {...props} choices={RESOURCE_CHOICES.map((id) => ({ id, name: translate(`xb.audit.resources.${id}`, { _: id }) }))} />;
}

const filters = [
  <ActionFilter key="action" source="action" alwaysOn />,
  <TextInput key="actorUsername" source="actorUsername" />,
  <ResourceFilter key="resource" source="resource" />,
  <TextInput key="resourceId" source="resourceId" />,
  <DateTimeInput key="from" source="from" parse={toInstant} />,
  <DateTimeInput key="to" source="to" parse={toInstant} />,
];

/** No export: the log is the evidence; copies are made by the server if ever needed. */
const Actions = () => (
  <TopToolbar>
    <FilterButton />
    <VerifyChainButton />
  </TopToolbar>
);

/** Facts that only repeat another one in a rawer form (a login beside the person's id, a unit id beside its name): in the raw JSON only. */
function repeats(key: string, details: Record<string, unknown>, resourceId: string | null): boolean {
  if (key === 'orgPath') return true;
  if (key === 'id' && details.id === resourceId) return true;
  if (key.endsWith('Username') && details[`${key.slice(0, -'Username'.length)}Id`] !== undefined) return true;
  if (key.endsWith('Id') && details[`${key.slice(0, -'Id'.length)}Name`] !== undefined) return true;
  return false;
}

/**
 * The expanded row: every detail with a readable label and value (names, labels, local
 * times; the raw value in each tooltip), the entry's chain facts, and the raw entry as
 * JSON behind a disclosure, for the auditor who needs the exact record.
 */
function DetailsPanel() {
  const record = useRecordContext<AuditLogEntry>();
  const translate = useTranslate();
  const [rawOpen, setRawOpen] = useState(false);
  if (!record) return null;
  const details = record.details ?? {};
  const rows: [string, unknown][] = [
    ...Object.entries(details).filter(([k]) => !repeats(k, details, record.resourceId)),
    ['resourceId', record.resourceId],
    ['correlationId', record.correlationId],
    ['hash', record.hash],
  ];
  const raw = { seq: record.seq, at: record.at, actorId: record.actorId, actorUsername: record.actorUsername, action: record.action, resource: record.resource, resourceId: record.resourceId, details, eventId: record.eventId, correlationId: record.correlationId, prevHash: record.prevHash, hash: record.hash };
  return (
    <Box sx={{ px: 2, py: 1 }}>
      <Box component="dl" data-testid="audit-details" sx={{ m: 0, display: 'grid', gridTemplateColumns: 'max-content minmax(0, 1fr)', columnGap: 2, rowGap: 0.5 }}>
        {rows.map(([key, value]) => (
          <Box key={key} sx={{ display: 'contents' }}>
            <Typography component="dt" variant="caption" color="text.secondary">
              {detailLabel(translate, key, record.resource)}
            </Typography>
            <Typography component="dd" variant="caption" sx={{ m: 0, wordBreak: 'break-word' }} data-key={key}>
              {key === 'hash' || key === 'resourceId' || key === 'correlationId' ? <Box component="span" sx={{ fontFamily: 'monospace' }}>{String(value ?? '—')}</Box> : <DetailValue name={key} value={value} resource={record.resource} />}
            </Typography>
          </Box>
        ))}
      </Box>
      <Box component="details" sx={{ mt: 1 }} data-testid="audit-raw" onToggle={(e: SyntheticEvent<HTMLDetailsElement>) => setRawOpen(e.currentTarget.open)}>
        <Typography component="summary" variant="caption" color="text.secondary" sx={{ cursor: 'pointer' }}>
          {translate('xb.audit.raw')}
        </Typography>
        {/* Rendered only when opened: the page itself shows no raw codes. */}
        {rawOpen && (
          <Box component="pre" sx={{ m: 0, mt: 0.5, p: 1, bgcolor: 'action.hover', fontSize: 12, whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>
            {JSON.stringify(raw, null, 2)}
          </Box>
        )}
      </Box>
    </Box>
  );
}

function ActorField(_props: { label?: string }) {
  const record = useRecordContext<AuditLogEntry>();
  const translate = useTranslate();
  if (!record) return null;
  return record.actorId ? <PersonName id={record.actorId} fallback={record.actorUsername} /> : <span>{record.actorUsername ?? translate('xb.timeline.system')}</span>;
}

function ActionField(_props: { label?: string }) {
  const record = useRecordContext<AuditLogEntry>();
  return record ? <AuditActionChip action={record.action} /> : null;
}

function SummaryField(_props: { label?: string }) {
  const record = useRecordContext<AuditLogEntry>();
  return record ? <AuditSummary entry={record} showActor={false} /> : null;
}

const Column = DataTable.Col<AuditLogEntry>;

/**
 * 审计日志 for auditors: who (by name and unit) did what (translated) to which record
 * (linked), one line each; a row expands to every detail. Fits 1440 px: five columns, the
 * summary takes the rest and wraps.
 */
export function AuditLogList() {
  return (
    <List filters={filters} actions={<Actions />} sort={{ field: 'seq', order: 'DESC' }} exporter={false} perPage={50}>
      <DataTable bulkActionButtons={false} expand={<DetailsPanel />} rowClick="expand" sx={{ '& .RaDataTable-headerCell': { whiteSpace: 'nowrap' } }}>
        <Column source="seq" sx={{ width: 64 }} />
        <Column source="at" sx={{ whiteSpace: 'nowrap', width: 170 }}>
          <DateTimeField source="at" />
        </Column>
        <Column source="actorUsername" disableSort sx={{ width: 220 }}>
          <ActorField />
        </Column>
        <Column source="action" disableSort sx={{ width: 190 }}>
          <ActionField />
        </Column>
        <Column source="details" label="resources.audit-log.fields.summary" disableSort>
          <SummaryField />
        </Column>
      </DataTable>
    </List>
  );
}
