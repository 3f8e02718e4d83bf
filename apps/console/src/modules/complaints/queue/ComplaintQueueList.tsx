import { BooleanInput, DataTable, List, SearchInput } from 'react-admin';
import { DateTimeField } from '../../../common/DateTimeField';
import { EmptyMessage } from '../../../common/EmptyMessage';
import { SeverityChip, StatusChip } from '../complaints/complaint-codes';
import { useComplaintExporter } from '../complaints/complaint-exporter';
import { AssigneeField, HIDDEN_AT_FIRST, QueueActions, CategoryCell, ChannelCell, ReferenceWithEscalation, showComplaint } from '../complaints/columns';
import { SlaBadge } from '../complaints/SlaBadge';
import type { ComplaintView } from '../../../types';
import { fittedTableSx, PinnedColumn, TruncatedField } from '../../../common/FittedList';

const filters = [<SearchInput key="q" source="q" alwaysOn />, <BooleanInput key="mine" source="mine" alwaysOn />];

const Column = DataTable.Col<ComplaintView>;

/**
 * 我的待办 (`GET /api/complaints/queue`): open complaints assigned to me first, then my
 * units' open ones, by due date — the server orders them; rows open the complaint.
 */
export function ComplaintQueueList() {
  const exporter = useComplaintExporter();
  return (
    <List filters={filters} actions={<QueueActions />} sort={{ field: 'dueAt', order: 'ASC' }} exporter={exporter} perPage={25} empty={<EmptyMessage message="xb.queue.empty" />}>
      <DataTable sx={fittedTableSx} rowClick={showComplaint} bulkActionButtons={false} hiddenColumns={HIDDEN_AT_FIRST}>
        <Column source="reference" sx={{ whiteSpace: 'nowrap' }} disableSort>
          <ReferenceWithEscalation />
        </Column>
        <Column source="status" disableSort>
          <StatusChip />
        </Column>
        <PinnedColumn source="sla" disableSort sx={{ whiteSpace: 'nowrap' }}>
          <SlaBadge />
        </PinnedColumn>
        <Column source="dueAt" disableSort sx={{ whiteSpace: 'nowrap' }}>
          <DateTimeField source="dueAt" />
        </Column>
        <Column source="assignedHandlerUsername" disableSort>
          <AssigneeField />
        </Column>
        <Column source="orgUnitName" disableSort>
          <TruncatedField source="orgUnitName" maxWidth={140} />
        </Column>
        <Column source="channel" disableSort>
          <ChannelCell />
        </Column>
        <Column source="businessCategory" disableSort sx={{ whiteSpace: 'nowrap' }}>
          <CategoryCell />
        </Column>
        <Column source="severity" disableSort>
          <SeverityChip />
        </Column>
      </DataTable>
    </List>
  );
}
