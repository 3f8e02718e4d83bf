import { DateTimeField } from '../../../common/DateTimeField';
import { Box } from '@mui/material';
import {
  DataTable,
  
  DateTimeInput,
  FilterButton,
  List,
  TextInput,
  TopToolbar,
  useRecordContext,
} from 'react-admin';
import type { AuditLogEntry } from '../../../types';
import { VerifyChainButton } from './VerifyChainButton';

const toInstant = (value: string) => (value ? new Date(value).toISOString() : undefined);

const filters = [
  <TextInput key="actorUsername" source="actorUsername" alwaysOn />,
  <TextInput key="action" source="action" />,
  <TextInput key="resource" source="resource" />,
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

function DetailsPanel() {
  const record = useRecordContext<AuditLogEntry>();
  if (!record) return null;
  return (
    <Box component="pre" sx={{ m: 0, p: 1, fontSize: 12, whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>
      {`resourceId: ${record.resourceId ?? '—'}\n`}
      {JSON.stringify(record.details, null, 2)}
      {'\n'}
      hash: {record.hash}
    </Box>
  );
}

function DetailsSummary(_props: { label?: string }) {
  const record = useRecordContext<AuditLogEntry>();
  if (!record || record.details === null || record.details === undefined) return null;
  const text = JSON.stringify(record.details);
  return (
    <Box component="span" sx={{ fontFamily: 'monospace', fontSize: 12 }} title={text}>
      {text.length > 80 ? `${text.slice(0, 80)}…` : text}
    </Box>
  );
}

/** Record ids are UUIDs: the first block is enough to tell rows apart; the whole id is in the tooltip and the expanded row. */
function ShortId(_props: { label?: string }) {
  const record = useRecordContext<AuditLogEntry>();
  if (!record?.resourceId) return null;
  return (
    <Box component="span" sx={{ fontFamily: 'monospace', fontSize: 12 }} title={record.resourceId}>
      {record.resourceId.length > 12 ? `${record.resourceId.slice(0, 8)}…` : record.resourceId}
    </Box>
  );
}

const Column = DataTable.Col<AuditLogEntry>;

export function AuditLogList() {
  return (
    <List filters={filters} actions={<Actions />} sort={{ field: 'seq', order: 'DESC' }} exporter={false} perPage={50}>
      <DataTable bulkActionButtons={false} expand={<DetailsPanel />} rowClick="expand">
        <Column source="seq" />
        <Column source="at">
          <DateTimeField source="at" />
        </Column>
        <Column source="actorUsername" disableSort />
        <Column source="action" disableSort />
        <Column source="resource" disableSort />
        <Column source="resourceId" disableSort>
          <ShortId />
        </Column>
        <Column source="details" disableSort>
          <DetailsSummary />
        </Column>
      </DataTable>
    </List>
  );
}
