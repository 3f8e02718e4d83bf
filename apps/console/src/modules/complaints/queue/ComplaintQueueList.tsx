import { BooleanInput, DataTable, List, SearchInput } from 'react-admin';
import { DateTimeField } from '../../../common/DateTimeField';
import { EmptyMessage } from '../../../common/EmptyMessage';
import { CodeField, SeverityChip, StatusChip } from '../complaints/complaint-codes';
import { useComplaintExporter } from '../complaints/complaint-exporter';
import { AssigneeField, EscalationMarker, showComplaint } from '../complaints/columns';
import { SlaBadge } from '../complaints/SlaBadge';
import type { ComplaintView } from '../../../types';
import { fittedTableSx } from '../../../common/FittedList';

const filters = [<SearchInput key="q" source="q" alwaysOn />, <BooleanInput key="mine" source="mine" alwaysOn />];

const Column = DataTable.Col<ComplaintView>;

/**
 * 我的待办 (`GET /api/complaints/queue`): open complaints assigned to me first, then my
 * units' open ones, by due date — the server orders them; rows open the complaint.
 */
export function ComplaintQueueList() {
  const exporter = useComplaintExporter();
  return (
    <List filters={filters} sort={{ field: 'dueAt', order: 'ASC' }} exporter={exporter} perPage={25} empty={<EmptyMessage message="xb.queue.empty" />}>
      <DataTable sx={fittedTableSx} rowClick={showComplaint} bulkActionButtons={false}>
        <Column source="reference" sx={{ whiteSpace: 'nowrap' }} disableSort />
        <Column source="status" disableSort>
          <StatusChip />
        </Column>
        <Column source="sla" disableSort>
          <SlaBadge />
        </Column>
        <Column source="dueAt" disableSort>
          <DateTimeField source="dueAt" />
        </Column>
        <Column source="assignedHandlerUsername" disableSort>
          <AssigneeField />
        </Column>
        <Column source="orgUnitName" disableSort />
        <Column source="channel" disableSort>
          <CodeField list="channels" source="channel" />
        </Column>
        <Column source="businessCategory" disableSort>
          <CodeField list="businessCategories" source="businessCategory" />
        </Column>
        <Column source="severity" disableSort>
          <SeverityChip />
        </Column>
        <Column source="escalation" disableSort>
          <EscalationMarker />
        </Column>
      </DataTable>
    </List>
  );
}
