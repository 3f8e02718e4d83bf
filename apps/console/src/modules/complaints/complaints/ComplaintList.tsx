import { DateTimeField } from '../../../common/DateTimeField';
import {
  ColumnsButton,
  CreateButton,
  DataTable,
  DateInput,
  ExportButton,
  FilterButton,
  List,
  SearchInput,
  TextField,
  TopToolbar,
} from 'react-admin';
import { fittedTableSx, PinnedColumn, TruncatedField } from '../../../common/FittedList';
import { OrgUnitInput } from '../../../common/org-unit-option';
import type { ComplaintView } from '../../../types';
import { CodeField, CodeSelectInput, SeverityChip, StatusChip } from './complaint-codes';
import { CappedPagination } from '../../../common/CappedPagination';
import { useComplaintExporter } from './complaint-exporter';
import { AssigneeField, CategoryCell, ReferenceWithEscalation } from './columns';
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

/** Hidden until the user picks them with the columns button (the list fits 1440 px in both languages without them). */
const HIDDEN_BY_DEFAULT = ['channel', 'orgUnitName', 'customerPhone'];

const Actions = () => (
  <TopToolbar>
    <FilterButton />
    <CreateButton />
    <ColumnsButton />
    <ExportButton />
  </TopToolbar>
);

export function ComplaintList() {
  const exporter = useComplaintExporter();
  return (
    <List filters={filters} actions={<Actions />} sort={{ field: 'receivedAt', order: 'DESC' }} exporter={exporter} perPage={25} pagination={<CappedPagination />}>
      <DataTable rowClick="show" bulkActionButtons={false} hiddenColumns={HIDDEN_BY_DEFAULT} sx={fittedTableSx} data-testid="complaint-list">
        <Column source="reference" sx={{ whiteSpace: 'nowrap' }}>
          <ReferenceWithEscalation />
        </Column>
        <PinnedColumn source="dueAt" label="resources.complaints.fields.sla" sx={{ whiteSpace: 'nowrap' }}>
          <SlaBadge />
        </PinnedColumn>
        <Column source="receivedAt" sx={{ whiteSpace: 'nowrap' }}>
          <DateTimeField source="receivedAt" />
        </Column>
        <Column source="status" sx={{ whiteSpace: 'nowrap' }}>
          <StatusChip />
        </Column>
        <Column source="channel">
          <CodeField list="channels" source="channel" />
        </Column>
        <Column source="businessCategory" disableSort sx={{ whiteSpace: 'nowrap' }}>
          <CategoryCell />
        </Column>
        <Column source="severity" sx={{ whiteSpace: 'nowrap' }}>
          <SeverityChip />
        </Column>
        <Column source="orgUnitName" disableSort>
          <TruncatedField source="orgUnitName" maxWidth={140} />
        </Column>
        <Column source="assignedHandlerUsername" disableSort sx={{ maxWidth: 200, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>
          <AssigneeField />
        </Column>
        <Column source="customerName" label="resources.complaints.fields.customer" disableSort sx={{ whiteSpace: 'nowrap' }} />
        <Column source="customerPhone" disableSort sx={{ whiteSpace: 'nowrap' }}>
          <TextField source="customerPhone" />
        </Column>
      </DataTable>
    </List>
  );
}
