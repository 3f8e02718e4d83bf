import PlanIcon from '@mui/icons-material/EventNote';
import VisitIcon from '@mui/icons-material/Storefront';
import { Alert, Box, Chip, Stack, Table, TableBody, TableCell, TableHead, TableRow, TextField, Typography } from '@mui/material';
import { useState } from 'react';
import {
  Button,
  Create,
  CreateButton,
  FilterButton,
  Link,
  useCanAccess,
  DataTable,
  DateInput,
  List,
  ReferenceInput,
  SelectInput,
  SimpleForm,
  TextInput,
  TopToolbar,
  required,
  useNotify,
  useRecordContext,
  useRedirect,
  useRefresh,
  useTranslate,
  AutocompleteInput,
} from 'react-admin';
import { RecordShow } from '../../common/RecordGone';
import { bankToday, inspectionsApi, pct, type InspectionView } from './api';
import { ReviewFindings } from './ReviewFindings';

const STATUSES = ['planned', 'in_progress', 'submitted', 'returned', 'reviewed'];

export function StatusChip({ status }: { status: string }) {
  const translate = useTranslate();
  const color = status === 'reviewed' ? 'success' : status === 'submitted' ? 'info' : status === 'returned' ? 'warning' : 'default';
  return <Chip size="small" color={color} label={translate(`xb.inspections.status.${status}`)} />;
}

export function Verdict({ record }: { record: Pick<InspectionView, 'total' | 'passed' | 'redLineFailed'> }) {
  const translate = useTranslate();
  return (
    <Stack direction="row" spacing={0.5} sx={{ alignItems: 'center' }}>
      <span>{pct(record.total)}</span>
      {record.passed === true ? <Chip size="small" color="success" label={translate('xb.inspections.passed')} /> : null}
      {record.passed === false ? <Chip size="small" color="error" label={translate('xb.inspections.failed')} /> : null}
      {record.redLineFailed ? <Chip size="small" color="error" variant="outlined" label={translate('xb.inspections.red_line')} /> : null}
    </Stack>
  );
}

const filters = [
  <SelectInput key="status" source="status" choices={STATUSES.map((s) => ({ id: s, name: `xb.inspections.status.${s}` }))} alwaysOn />,
  <TextInput key="quarter" source="quarter" helperText="2026Q4" />,
];
const Column = DataTable.Col<InspectionView>;

/** The list's toolbar: filters and create, plus the quarterly plan generator for those who may plan. */
function ListActions() {
  const { canAccess: canPlan } = useCanAccess({ resource: 'inspections', action: 'plan' });
  return (
    <TopToolbar>
      <FilterButton />
      <CreateButton />
      {canPlan ? <Button label="xb.inspections.plan.open" component={Link} to="/inspection-plan" data-testid="open-plan" startIcon={<PlanIcon />} /> : null}
    </TopToolbar>
  );
}

export function InspectionList() {
  const translate = useTranslate();
  return (
    <List filters={filters} sort={{ field: 'plannedDate', order: 'DESC' }} exporter={false} actions={<ListActions />}>
      <DataTable rowClick="show" bulkActionButtons={false}>
        <Column source="outletName" disableSort />
        <Column source="scenario" disableSort />
        <Column source="plannedDate" />
        <Column source="visitDate" />
        <Column source="status" render={(r) => <StatusChip status={r.status} />} />
        <Column
          source="timeliness"
          disableSort
          render={(r) => (r.timeliness === 'on_time' ? '' : <Chip size="small" color={r.timeliness === 'missed' ? 'error' : 'warning'} label={translate(`xb.inspections.timeliness.${r.timeliness}`)} />)}
        />
        <Column source="total" render={(r) => <Verdict record={r} />} />
        <Column source="inspectorName" disableSort />
      </DataTable>
    </List>
  );
}

function Actions() {
  const record = useRecordContext<InspectionView>();
  const notify = useNotify();
  const refresh = useRefresh();
  const redirect = useRedirect();
  const translate = useTranslate();
  const [reason, setReason] = useState('');
  if (!record) return null;
  const can = (a: string) => record.availableActions.includes(a as never);
  const run = (p: Promise<unknown>, then?: () => void) =>
    p.then(
      () => {
        notify('xb.inspections.done', { type: 'success' });
        if (then) then();
        else refresh();
      },
      (e: Error) => notify(e.message, { type: 'error' }),
    );
  return (
    <TopToolbar sx={{ flexWrap: 'wrap', gap: 1, alignItems: 'center' }}>
      {can('save') || can('submit') ? <Button label="xb.inspections.fill_in" variant="contained" onClick={() => redirect(`/inspections/${record.id}/visit`)} /> : null}
      {can('accept') ? <Button label="xb.inspections.accept" variant="contained" color="success" onClick={() => run(inspectionsApi.review(record.id, { decision: 'accept' }))} /> : null}
      {can('return') ? (
        <>
          <TextField size="small" label={translate('xb.inspections.return_reason')} value={reason} onChange={(e) => setReason(e.target.value)} />
          <Button label="xb.inspections.return" color="warning" disabled={!reason.trim()} onClick={() => run(inspectionsApi.review(record.id, { decision: 'return', reason }))} />
        </>
      ) : null}
      {can('reinspect') ? <Button label="xb.inspections.reinspect" onClick={() => run(inspectionsApi.reinspect(record.id), () => redirect('list', 'inspections'))} /> : null}
    </TopToolbar>
  );
}

type StoredScore = { dimensions: { key: string; name: string; score: number | null; passed: boolean | null }[]; failedItems: string[] } | null;

function InspectionBody() {
  const record = useRecordContext<InspectionView>();
  const translate = useTranslate();
  if (!record) return null;
  const score = record.score as StoredScore;
  return (
    <Box sx={{ p: 2 }}>
      <Typography variant="h6">
        {record.outletName} · {record.scenario} <StatusChip status={record.status} />
      </Typography>
      <Typography variant="body2" color="text.secondary">
        {translate('xb.inspections.template')}: {record.templateName} v{record.templateVersion} · {translate('resources.inspections.fields.plannedDate')} {record.plannedDate}
        {record.visitDate ? ` · ${translate('resources.inspections.fields.visitDate')} ${record.visitDate} (${record.quarter})` : ''}
        {record.inspectorName ? ` · ${translate('resources.inspections.fields.inspectorName')} ${record.inspectorName}` : ''}
      </Typography>
      {record.returnReason ? <Alert severity="warning">{translate('xb.inspections.returned_because', { reason: record.returnReason })}</Alert> : null}
      {record.kind === 'reinspection' ? <Alert severity="info">{translate('xb.inspections.reinspection_of', { items: record.itemKeys.join(', ') })}</Alert> : null}
      <Box sx={{ my: 1 }}>
        <Verdict record={record} />
      </Box>
      {score ? (
        <Table size="small">
          <TableHead>
            <TableRow>
              <TableCell>{translate('xb.inspections.dimension')}</TableCell>
              <TableCell align="right">{translate('xb.inspections.score')}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {score.dimensions.map((d) => (
              <TableRow key={d.key}>
                <TableCell>{d.name}</TableCell>
                <TableCell align="right" sx={{ color: d.passed === false ? 'error.main' : undefined }}>
                  {d.score === null ? translate('xb.inspections.no_score') : pct(d.score)}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      ) : null}
      {score?.failedItems.length && record.availableActions.includes('accept') ? <ReviewFindings record={record} failedItems={score.failedItems} /> : null}
      {score?.failedItems.length && !record.availableActions.includes('accept') ? (
        <Box sx={{ mt: 2 }}>
          <Typography variant="subtitle2">{translate('xb.inspections.findings')}</Typography>
          {record.answers
            .filter((a) => score.failedItems.includes(a.itemKey))
            .map((a) => (
              <Typography key={a.itemKey} variant="body2">
                • {a.itemKey} {a.note ? `— ${a.note}` : ''} {a.fileIds.length ? `(📷 ${a.fileIds.length})` : ''}
              </Typography>
            ))}
        </Box>
      ) : null}
    </Box>
  );
}

export function InspectionShow() {
  return (
    <RecordShow actions={<Actions />}>
      <InspectionBody />
    </RecordShow>
  );
}

/** Plan a visit: an outlet, a published template version, the scenario and the day. */
export function InspectionCreate() {
  return (
    <Create redirect="show">
      <SimpleForm defaultValues={{ plannedDate: bankToday() }}>
        <ReferenceInput source="outletId" reference="org-units" filter={{ type: 'outlet' }}>
          <AutocompleteInput optionText="name" validate={required()} />
        </ReferenceInput>
        <ReferenceInput source="templateId" reference="inspection-templates" filter={{ status: 'published' }}>
          <SelectInput optionText={(t: { name: string; version: number }) => `${t.name} v${t.version}`} validate={required()} />
        </ReferenceInput>
        <SelectInput
          source="scenario"
          validate={required()}
          choices={['理财咨询', '开卡', '投诉', '存取款', '贷款咨询'].map((s) => ({ id: s, name: s }))}
        />
        <DateInput source="plannedDate" validate={required()} />
      </SimpleForm>
    </Create>
  );
}

export default {
  list: InspectionList,
  show: InspectionShow,
  create: InspectionCreate,
  icon: VisitIcon,
  recordRepresentation: (r: InspectionView) => `${r.outletName} ${r.plannedDate}`,
};
