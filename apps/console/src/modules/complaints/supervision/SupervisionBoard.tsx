import { DataTable, List } from 'react-admin';
import { DateTimeField } from '../../../common/DateTimeField';
import { EmptyMessage } from '../../../common/EmptyMessage';
import { CodeField, SeverityChip, StatusChip } from '../complaints/complaint-codes';
import { useComplaintExporter } from '../complaints/complaint-exporter';
import { AssigneeField, showComplaint, SupervisionReasonField } from '../complaints/columns';
import { ReportBackDue, SlaBadge } from '../complaints/SlaBadge';
import type { ComplaintView } from '../../../types';
import { fittedTableSx } from '../../../common/FittedList';

const Column = DataTable.Col<ComplaintView>;

/**
 * 督办看板 (`GET /api/complaints/supervision`): open complaints in scope that are overdue,
 * escalated to the unit above, or due within 3 days, soonest first.
 */
export function SupervisionBoard() {
  const exporter = useComplaintExporter();
  return (
    <List sort={{ field: 'dueAt', order: 'ASC' }} exporter={exporter} perPage={50} empty={<EmptyMessage message="xb.board.empty" />}>
      <DataTable sx={fittedTableSx} rowClick={showComplaint} bulkActionButtons={false}>
        <Column source="supervisionReason" disableSort>
          <SupervisionReasonField />
        </Column>
        <Column source="reference" sx={{ whiteSpace: 'nowrap' }} disableSort />
        <Column source="sla" disableSort>
          <SlaBadge />
        </Column>
        <Column source="dueAt" disableSort>
          <DateTimeField source="dueAt" />
        </Column>
        <Column source="status" disableSort>
          <StatusChip />
        </Column>
        <Column source="assignedHandlerUsername" disableSort>
          <AssigneeField />
        </Column>
        <Column source="orgUnitName" disableSort />
        <Column source="channel" disableSort>
          <CodeField list="channels" source="channel" />
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
