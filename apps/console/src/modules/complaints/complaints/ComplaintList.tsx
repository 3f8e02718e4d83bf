import { DateTimeField } from '../../../common/DateTimeField';
import {
  DataTable,
  
  DateInput,
  List,
  SearchInput,
  TextField,
} from 'react-admin';
import { OrgUnitInput } from '../../../common/org-unit-option';
import type { ComplaintView } from '../../../types';
import { CodeField, CodeSelectInput, SeverityChip, StatusChip } from './complaint-codes';
import { CappedPagination } from '../../../common/CappedPagination';
import { useComplaintExporter } from './complaint-exporter';
import { AssigneeField, EscalationMarker } from './columns';
import { SlaBadge } from './SlaBadge';

/** Date filters travel as instants: the start of the `from` day and the end of the `to` day, local time. */
const startOfDay = (value: string) => (value ? new Date(`${value}T00:00:00`).toISOString() : undefined);
const endOfDay = (value: string) => (value ? new Date(`${value}T23:59:59.999`).toISOString() : undefined);

const filters = [
  <SearchInput key="q" source="q" alwaysOn />,
  <CodeSelectInput key="status" list="statuses" source="status" />,
  <CodeSelectInput key="channel" list="channels" source="channel" />,
  <CodeSelectInput key="businessCategory" list="businessCategories" source="businessCategory" />,
  <CodeSelectInput key="severity" list="severities" source="severity" />,
  <OrgUnitInput key="orgUnitId" source="orgUnitId" />,
  <DateInput key="receivedFrom" source="receivedFrom" parse={startOfDay} />,
  <DateInput key="receivedTo" source="receivedTo" parse={endOfDay} />,
];

const Column = DataTable.Col<ComplaintView>;

export function ComplaintList() {
  const exporter = useComplaintExporter();
  return (
    <List filters={filters} sort={{ field: 'receivedAt', order: 'DESC' }} exporter={exporter} perPage={25} pagination={<CappedPagination />}>
      <DataTable rowClick="show" bulkActionButtons={false}>
        <Column source="reference" sx={{ whiteSpace: 'nowrap' }} />
        <Column source="receivedAt">
          <DateTimeField source="receivedAt" />
        </Column>
        <Column source="status">
          <StatusChip />
        </Column>
        <Column source="channel">
          <CodeField list="channels" source="channel" />
        </Column>
        <Column source="businessCategory" disableSort>
          <CodeField list="businessCategories" source="businessCategory" />
        </Column>
        <Column source="severity">
          <SeverityChip />
        </Column>
        <Column source="orgUnitName" disableSort />
        <Column source="assignedHandlerUsername" disableSort>
          <AssigneeField />
        </Column>
        <Column source="customerName" disableSort />
        <Column source="customerPhone" disableSort>
          <TextField source="customerPhone" />
        </Column>
        <Column source="dueAt" label="resources.complaints.fields.sla">
          <SlaBadge />
        </Column>
        <Column source="escalation" disableSort>
          <EscalationMarker />
        </Column>
      </DataTable>
    </List>
  );
}
