import { DataTable, List } from 'react-admin';
import { DateTimeField } from '../../../common/DateTimeField';
import { EmptyMessage } from '../../../common/EmptyMessage';
import { SeverityChip, StatusChip } from '../complaints/complaint-codes';
import { useComplaintExporter } from '../complaints/complaint-exporter';
import { AssigneeField, HIDDEN_AT_FIRST, QueueActions, ChannelCell, showComplaint, SupervisionReasonField } from '../complaints/columns';
import { ReportBackDue, SlaBadge } from '../complaints/SlaBadge';
import type { ComplaintView } from '../../../types';
import { fittedTableSx, PinnedColumn, TruncatedField } from '../../../common/FittedList';

const Column = DataTable.Col<ComplaintView>;

/**
 * 督办看板 (`GET /api/complaints/supervision`): open complaints in scope that are overdue,
 * escalated to the unit above, or due within 3 days, soonest first.
 */
export function SupervisionBoard() {
  const exporter = useComplaintExporter();
  return (
    <List actions={<QueueActions />} sort={{ field: 'dueAt', order: 'ASC' }} exporter={exporter} perPage={50} empty={<EmptyMessage message="xb.board.empty" />}>
      <DataTable sx={fittedTableSx} rowClick={showComplaint} bulkActionButtons={false} hiddenColumns={HIDDEN_AT_FIRST}>
        <PinnedColumn source="supervisionReason" disableSort sx={{ whiteSpace: 'nowrap' }}>
          <SupervisionReasonField />
        </PinnedColumn>
        <Column source="reference" sx={{ whiteSpace: 'nowrap' }} disableSort />
        <PinnedColumn source="sla" disableSort sx={{ whiteSpace: 'nowrap' }}>
          <SlaBadge />
        </PinnedColumn>
        <Column source="dueAt" disableSort sx={{ whiteSpace: 'nowrap' }}>
          <DateTimeField source="dueAt" />
        </Column>
        <Column source="status" disableSort>
          <StatusChip />
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
        <Column source="reportBackDueAt" disableSort>
          <ReportBackDue compact />
        </Column>
        <Column source="severity" disableSort>
          <SeverityChip />
        </Column>
      </DataTable>
    </List>
  );
}
