import EventIcon from '@mui/icons-material/Event';
import { Button as MuiButton } from '@mui/material';
import { useState } from 'react';
import {
  AutocompleteArrayInput,
  BooleanField,
  BooleanInput,
  CheckboxGroupInput,
  Create,
  DataTable,
  DateTimeInput,
  List,
  NumberField,
  NumberInput,
  ReferenceArrayInput,
  SearchInput,
  SimpleForm,
  SimpleShowLayout,
  TextField,
  TextInput,
  TopToolbar,
  required,
  useGetList,
  useNotify,
  useRecordContext,
  useRefresh,
  useTranslate,
} from 'react-admin';
import { RecordShow } from '../../common/RecordGone';
import { Autocomplete, Stack, TextField as MuiTextField } from '@mui/material';
import type { SessionView } from '@xb/contracts/training';
import { DateTimeField } from '../../common/DateTimeField';
import { orgUnitOptionText } from '../../common/org-unit-option';
import { API_URL, httpClient } from '../../providers/http-client';
import { ROLES, type UserView } from '../../types';

const Col = DataTable.Col<SessionView>;

export function SessionList() {
  return (
    <List filters={[<SearchInput key="q" source="q" alwaysOn />]} sort={{ field: 'startsAt', order: 'DESC' }}>
      <DataTable rowClick="show" bulkActionButtons={false}>
        <Col source="title" />
        <Col source="trainerName" disableSort />
        <Col source="startsAt">
          <DateTimeField source="startsAt" />
        </Col>
        <Col source="venue" disableSort />
        <Col source="hours" disableSort />
        <Col source="attendees" disableSort />
      </DataTable>
    </List>
  );
}

const inHours = (h: number) => new Date(Date.now() + h * 3_600_000).toISOString();

export function SessionCreate() {
  return (
    <Create redirect="show" transform={(d: Record<string, unknown>) => ({ ...d, hours: Number(d.hours), audienceUnitIds: d.audienceUnitIds ?? [], audienceRoles: d.audienceRoles ?? [], venue: d.venue || undefined })}>
      <SimpleForm defaultValues={{ online: false, hours: 2, startsAt: inHours(24), endsAt: inHours(26), audienceUnitIds: [], audienceRoles: [] }}>
        <TextInput source="title" fullWidth validate={required()} />
        <Stack direction={{ xs: 'column', md: 'row' }} spacing={2}>
          <DateTimeInput source="startsAt" validate={required()} />
          <DateTimeInput source="endsAt" validate={required()} />
        </Stack>
        <BooleanInput source="online" />
        <TextInput source="venue" />
        <NumberInput source="hours" min={0.5} max={40} validate={required()} />
        <ReferenceArrayInput source="audienceUnitIds" reference="org-units" sort={{ field: 'path', order: 'ASC' }} perPage={100}>
          <AutocompleteArrayInput optionText={orgUnitOptionText} fullWidth />
        </ReferenceArrayInput>
        <CheckboxGroupInput source="audienceRoles" choices={ROLES.map((r) => ({ id: r, name: `xb.roles.${r}` }))} />
      </SimpleForm>
    </Create>
  );
}

/** The trainer marks people present (hours credited once per person). */
function MarkAttendance() {
  const record = useRecordContext<SessionView>();
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const [people, setPeople] = useState<UserView[]>([]);
  const { data } = useGetList<UserView>('users', { pagination: { page: 1, perPage: 200 }, sort: { field: 'username', order: 'ASC' } });
  if (!record?.availableActions.includes('mark')) return null;
  const mark = async () => {
    try {
      const { json } = await httpClient(`${API_URL}/training-sessions/${record.id}/attendance`, { method: 'POST', body: JSON.stringify({ userIds: people.map((p) => p.id) }) });
      notify('xb.training.marked', { type: 'success', messageArgs: { count: (json as { recorded: number }).recorded } });
      setPeople([]);
      refresh();
    } catch (err) {
      notify((err as Error).message, { type: 'error' });
    }
  };
  return (
    <Stack direction="row" spacing={1} sx={{ alignItems: 'center', minWidth: 360 }}>
      <Autocomplete<UserView, true>
        multiple
        size="small"
        sx={{ minWidth: 280 }}
        options={data ?? []}
        value={people}
        onChange={(_, v) => setPeople(v)}
        getOptionLabel={(u) => `${u.displayName} (${u.username})`}
        renderInput={(params) => <MuiTextField {...params} label={translate('xb.training.user_ids')} />}
      />
      <MuiButton variant="contained" disabled={!people.length} onClick={mark}>
        {translate('xb.training.mark_attendance')}
      </MuiButton>
    </Stack>
  );
}

export function SessionShow() {
  return (
    <RecordShow
      actions={
        <TopToolbar>
          <MarkAttendance />
        </TopToolbar>
      }
    >
      <SimpleShowLayout>
        <TextField source="title" />
        <TextField source="trainerName" />
        <DateTimeField source="startsAt" />
        <DateTimeField source="endsAt" />
        <BooleanField source="online" />
        <TextField source="venue" />
        <NumberField source="hours" />
        <TextField source="checkInCode" />
        <NumberField source="attendees" />
      </SimpleShowLayout>
    </RecordShow>
  );
}

export default { list: SessionList, create: SessionCreate, show: SessionShow, icon: EventIcon, recordRepresentation: (r: SessionView) => r.title };
