import EditNoteIcon from '@mui/icons-material/FactCheck';
import { Alert, Box, Chip, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import {
  ArrayInput,
  BooleanInput,
  Button,
  Create,
  DataTable,
  DateField,
  List,
  NumberInput,
  SelectInput,
  SimpleForm,
  SimpleFormIterator,
  TextInput,
  TopToolbar,
  useNotify,
  useRecordContext,
  useRefresh,
  useTranslate,
  required,
} from 'react-admin';
import { RecordShow, RecordEdit } from '../../common/RecordGone';
import { useWatch } from 'react-hook-form';
import { inspectionsApi, type TemplateView } from './api';

type Dim = { key?: string; name?: string; weight?: number };
type Item = { dimensionKey?: string; weight?: number; redLine?: boolean };

/** The editor's live preview: the maximum points per dimension (Σ item weights) and each dimension's share of the total. */
function MaximumPreview() {
  const translate = useTranslate();
  const dims = (useWatch({ name: 'dimensions' }) as Dim[] | undefined) ?? [];
  const items = (useWatch({ name: 'items' }) as Item[] | undefined) ?? [];
  const dimWeight = dims.reduce((s, d) => s + (Number(d?.weight) || 0), 0);
  return (
    <Box sx={{ width: '100%', mb: 2 }}>
      <Typography variant="subtitle2">{translate('xb.inspections.preview')}</Typography>
      <Table size="small" aria-label={translate('xb.inspections.preview')}>
        <TableHead>
          <TableRow>
            <TableCell>{translate('xb.inspections.dimension')}</TableCell>
            <TableCell align="right">{translate('xb.inspections.items')}</TableCell>
            <TableCell align="right">{translate('xb.inspections.max_points')}</TableCell>
            <TableCell align="right">{translate('xb.inspections.share')}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {dims.map((d, i) => {
            const own = items.filter((it) => it?.dimensionKey && it.dimensionKey === d?.key);
            const max = own.reduce((s, it) => s + (Number(it?.weight) || 0), 0);
            return (
              <TableRow key={i}>
                <TableCell>{d?.name || d?.key || '—'}</TableCell>
                <TableCell align="right">
                  {own.length} {own.some((it) => it.redLine) ? <Chip size="small" color="error" label={translate('xb.inspections.red_line')} /> : null}
                </TableCell>
                <TableCell align="right">{max}</TableCell>
                <TableCell align="right">{dimWeight > 0 ? `${(((Number(d?.weight) || 0) / dimWeight) * 100).toFixed(1)}%` : '—'}</TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
    </Box>
  );
}

function TemplateForm() {
  const translate = useTranslate();
  return (
    <>
      <TextInput source="key" validate={required()} helperText={translate('xb.inspections.key_helper')} />
      <TextInput source="name" validate={required()} fullWidth />
      <NumberInput source="passMark" validate={required()} min={0} max={100} defaultValue={80} />
      <BooleanInput source="everyDimensionMustPass" />
      <MaximumPreview />
      <ArrayInput source="dimensions">
        <SimpleFormIterator inline>
          <TextInput source="key" validate={required()} />
          <TextInput source="name" validate={required()} />
          <NumberInput source="weight" validate={required()} min={0} />
          <NumberInput source="passMark" validate={required()} min={0} max={100} defaultValue={80} />
        </SimpleFormIterator>
      </ArrayInput>
      <ArrayInput source="items">
        <SimpleFormIterator inline>
          <TextInput source="key" validate={required()} />
          <TextInput source="dimensionKey" validate={required()} />
          <TextInput source="text" validate={required()} sx={{ minWidth: 280 }} />
          <NumberInput source="weight" validate={required()} min={0} defaultValue={1} />
          <SelectInput
            source="answerType"
            defaultValue="pass_fail"
            choices={[
              { id: 'pass_fail', name: 'xb.inspections.pass_fail' },
              { id: 'scale', name: 'xb.inspections.scale' },
            ]}
          />
          <NumberInput source="scaleMax" min={1} />
          <BooleanInput source="naAllowed" />
          <BooleanInput source="redLine" />
          <BooleanInput source="photoOnFail" />
        </SimpleFormIterator>
      </ArrayInput>
    </>
  );
}

const Column = DataTable.Col<TemplateView>;

export function TemplateList() {
  return (
    <List sort={{ field: 'createdAt', order: 'DESC' }} exporter={false}>
      <DataTable rowClick="show" bulkActionButtons={false}>
        <Column source="key" />
        <Column source="version" />
        <Column source="name" disableSort />
        <Column source="status" disableSort render={(r) => <StatusChip status={r.status} />} />
        <Column source="publishedAt" disableSort>
          <DateField source="publishedAt" showTime />
        </Column>
      </DataTable>
    </List>
  );
}

function StatusChip({ status }: { status: string }) {
  const translate = useTranslate();
  return <Chip size="small" color={status === 'published' ? 'success' : 'default'} label={translate(`xb.inspections.template_status.${status}`)} />;
}

function PublishButton() {
  const record = useRecordContext<TemplateView>();
  const notify = useNotify();
  const refresh = useRefresh();
  if (!record?.availableActions.includes('publish')) return null;
  return (
    <Button
      label="xb.inspections.publish"
      onClick={() =>
        inspectionsApi.publish(record.id).then(
          () => {
            notify('xb.inspections.published', { type: 'success' });
            refresh();
          },
          (e: Error) => notify(e.message, { type: 'error' }),
        )
      }
    />
  );
}

function TemplateBody() {
  const record = useRecordContext<TemplateView>();
  const translate = useTranslate();
  if (!record) return null;
  return (
    <Box>
      <Typography variant="h6">
        {record.name} · v{record.version} <StatusChip status={record.status} />
      </Typography>
      {record.status === 'published' ? <Alert severity="info">{translate('xb.inspections.frozen')}</Alert> : null}
      {record.dimensions.map((d) => (
        <Box key={d.key} sx={{ mt: 2 }}>
          <Typography variant="subtitle1">
            {d.name} — {translate('xb.inspections.weight')} {d.weight} · {translate('xb.inspections.pass_mark')} {d.passMark}% · {translate('xb.inspections.max_points')}{' '}
            {record.maximum.dimensions[d.key]}
          </Typography>
          <Table size="small">
            <TableBody>
              {record.items
                .filter((i) => i.dimensionKey === d.key)
                .map((i) => (
                  <TableRow key={i.key}>
                    <TableCell>{i.text}</TableCell>
                    <TableCell align="right">{i.weight}</TableCell>
                    <TableCell>{i.answerType === 'scale' ? `0–${i.scaleMax}` : translate('xb.inspections.pass_fail')}</TableCell>
                    <TableCell>
                      {i.redLine ? <Chip size="small" color="error" label={translate('xb.inspections.red_line')} /> : null}
                      {i.naAllowed ? <Chip size="small" label="N/A" sx={{ ml: 0.5 }} /> : null}
                      {i.photoOnFail ? <Chip size="small" label={translate('xb.inspections.photo')} sx={{ ml: 0.5 }} /> : null}
                    </TableCell>
                  </TableRow>
                ))}
            </TableBody>
          </Table>
        </Box>
      ))}
    </Box>
  );
}

export function TemplateShow() {
  return (
    <RecordShow
      actions={
        <TopToolbar>
          <PublishButton />
        </TopToolbar>
      }
    >
      <TemplateBody />
    </RecordShow>
  );
}

export function TemplateCreate() {
  return (
    <Create redirect="show">
      <SimpleForm>
        <TemplateForm />
      </SimpleForm>
    </Create>
  );
}

export function TemplateEdit() {
  return (
    <RecordEdit redirect="show" mutationMode="pessimistic">
      <SimpleForm>
        <TemplateForm />
      </SimpleForm>
    </RecordEdit>
  );
}

export default {
  list: TemplateList,
  show: TemplateShow,
  create: TemplateCreate,
  edit: TemplateEdit,
  icon: EditNoteIcon,
  recordRepresentation: (r: TemplateView) => `${r.name} v${r.version}`,
};
