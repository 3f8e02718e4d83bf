import CampaignIcon from '@mui/icons-material/Campaign';
import ActivityIcon from '@mui/icons-material/EventNote';
import { Alert, Box, Button as MuiButton, Chip, Stack, TextField as MuiTextField } from '@mui/material';
import { ACTIVITY_STATUSES, DEFAULT_TARGET_GROUPS, TARGET_METRICS, VENUE_TYPES, type ActivityAction } from '@xb/contracts/campaigns/codes';
import type { ActivityView, CampaignView } from '@xb/contracts/campaigns';
import { useState } from 'react';
import {
  ArrayField,
  ArrayInput,
  AutocompleteInput,
  BooleanField,
  BooleanInput,
  ChipField,
  Create,
  Datagrid,
  DateField,
  DateInput,
  FunctionField,
  List,
  NumberField,
  NumberInput,
  ReferenceField,
  ReferenceInput,
  SelectArrayInput,
  SelectField,
  SelectInput,
  Show,
  SimpleForm,
  SimpleFormIterator,
  SimpleShowLayout,
  SingleFieldList,
  TextField,
  TextInput,
  required,
  useNotify,
  useRecordContext,
  useRefresh,
  useTranslate,
} from 'react-admin';
import { apiClient, API_URL, postForm } from '../../providers/http-client';

const choices = (values: readonly string[], prefix: string) => values.map((id) => ({ id, name: `${prefix}.${id}` }));
export const venueChoices = choices(VENUE_TYPES, 'xb.campaigns.venue');
export const groupChoices = choices(DEFAULT_TARGET_GROUPS, 'xb.campaigns.group');
const statusChoices = choices(ACTIVITY_STATUSES, 'xb.campaigns.status');
const metricChoices = choices(TARGET_METRICS, 'xb.campaigns.metric');
const seriesChoices = ['consumer_rights_day', 'financial_literacy_month', 'anti_fraud', 'knowledge_tour'].map((id) => ({ id, name: `xb.campaigns.series.${id}` }));

// ---------- campaigns 活动方案 ----------

const campaignFilters = [<TextInput key="q" source="q" alwaysOn />, <NumberInput key="year" source="year" />, <SelectInput key="s" source="seriesKey" choices={seriesChoices} />];

export function CampaignList() {
  return (
    <List filters={campaignFilters} sort={{ field: 'startDate', order: 'DESC' }}>
      <Datagrid rowClick="show" bulkActionButtons={false}>
        <NumberField source="year" options={{ useGrouping: false }} />
        <TextField source="name" />
        <SelectField source="seriesKey" choices={seriesChoices} />
        <TextField source="orgUnitName" />
        <DateField source="startDate" />
        <DateField source="endDate" />
        <SelectField source="status" choices={choices(['open', 'closed'], 'xb.campaigns.campaignStatus')} />
      </Datagrid>
    </List>
  );
}

export function CampaignCreate() {
  return (
    <Create redirect="show">
      <SimpleForm>
        <SelectInput source="seriesKey" choices={seriesChoices} validate={required()} />
        <NumberInput source="year" validate={required()} defaultValue={new Date().getFullYear()} />
        <TextInput source="name" validate={required()} fullWidth />
        <TextInput source="theme" fullWidth />
        <DateInput source="startDate" validate={required()} />
        <DateInput source="endDate" validate={required()} />
        <ReferenceInput source="orgUnitId" reference="org-units" sort={{ field: 'path', order: 'ASC' }}>
          <AutocompleteInput optionText="name" validate={required()} />
        </ReferenceInput>
        <ArrayInput source="targets">
          <SimpleFormIterator inline>
            <SelectInput source="metric" choices={metricChoices} validate={required()} />
            <NumberInput source="value" validate={required()} />
            <ReferenceInput source="orgUnitId" reference="org-units" sort={{ field: 'path', order: 'ASC' }}>
              <AutocompleteInput optionText="name" />
            </ReferenceInput>
          </SimpleFormIterator>
        </ArrayInput>
        <BooleanInput source="rules.staffAtMostPeople" defaultValue />
        <BooleanInput source="rules.evidenceRequired" defaultValue={false} />
      </SimpleForm>
    </Create>
  );
}

function CloseCampaignButton() {
  const record = useRecordContext<CampaignView>();
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  if (!record?.availableActions.includes('close')) return null;
  return (
    <MuiButton
      variant="outlined"
      onClick={async () => {
        try {
          await apiClient(`${API_URL}/campaigns/${record.id}/close`, { method: 'POST', body: JSON.stringify({ version: record.version }) });
          refresh();
        } catch (e) {
          notify((e as Error).message, { type: 'error' });
        }
      }}
    >
      {translate('xb.campaigns.close')}
    </MuiButton>
  );
}

export function CampaignShow() {
  const translate = useTranslate();
  return (
    <Show>
      <SimpleShowLayout>
        <TextField source="name" />
        <SelectField source="seriesKey" choices={seriesChoices} />
        <NumberField source="year" options={{ useGrouping: false }} />
        <TextField source="theme" />
        <TextField source="orgUnitName" />
        <DateField source="startDate" />
        <DateField source="endDate" />
        <ArrayField source="targets">
          <Datagrid bulkActionButtons={false}>
            <SelectField source="metric" choices={metricChoices} />
            <NumberField source="value" />
            <ReferenceField source="orgUnitId" reference="org-units" emptyText="xb.campaigns.overall" />
          </Datagrid>
        </ArrayField>
        <FunctionField label={translate('xb.campaigns.dashboard')} render={(r: CampaignView) => <MuiButton href={`#/campaign-dashboard?campaignId=${r.id}`}>{translate('xb.campaigns.dashboard')}</MuiButton>} />
        <CloseCampaignButton />
      </SimpleShowLayout>
    </Show>
  );
}

export const campaignsResource = { list: CampaignList, create: CampaignCreate, show: CampaignShow, icon: CampaignIcon, recordRepresentation: (r: CampaignView) => `${r.year} ${r.name}` };

// ---------- activities 活动上报 ----------

const activityFilters = [
  <ReferenceInput key="c" source="campaignId" reference="campaigns" alwaysOn />,
  <SelectInput key="s" source="status" choices={statusChoices} alwaysOn />,
  <SelectInput key="v" source="venueType" choices={venueChoices} />,
  <BooleanInput key="q" source="toVerify" />,
];

export function ActivityList() {
  return (
    <List filters={activityFilters} sort={{ field: 'date', order: 'DESC' }}>
      <ActivityGrid />
    </List>
  );
}

function ActivityGrid() {
  return (
    <Datagrid rowClick="show" bulkActionButtons={false}>
      <DateField source="date" />
      <TextField source="campaignName" />
      <TextField source="orgUnitName" />
      <SelectField source="venueType" choices={venueChoices} />
      <NumberField source="sessions" />
      <NumberField source="peopleReached" />
      <SelectField source="status" choices={statusChoices} />
      <ActivityActions />
    </Datagrid>
  );
}

/** 待我审核: submitted activities strictly below my unit. */
export function VerificationQueue() {
  return (
    <List resource="campaign-activities" filter={{ toVerify: true }} sort={{ field: 'date', order: 'ASC' }} title="xb.campaigns.queue" disableSyncWithLocation>
      <ActivityGrid />
    </List>
  );
}

/** The workflow buttons this record offers the caller (availableActions from the service). */
function ActivityActions() {
  const record = useRecordContext<ActivityView>();
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const [reason, setReason] = useState('');
  if (!record) return null;
  const actions = record.availableActions.filter((a): a is Exclude<ActivityAction, 'edit'> => a !== 'edit');
  if (!actions.length) return null;
  const needsReason = actions.some((a) => a === 'return' || a === 'unverify');
  return (
    <Stack direction="row" spacing={1} onClick={(e) => e.stopPropagation()} alignItems="center">
      {needsReason && <MuiTextField size="small" label={translate('xb.campaigns.reason')} value={reason} onChange={(e) => setReason(e.target.value)} />}
      {actions.map((action) => (
        <MuiButton
          key={action}
          size="small"
          variant={action === 'verify' || action === 'submit' ? 'contained' : 'outlined'}
          data-testid={`activity-${action}`}
          onClick={async () => {
            try {
              await apiClient(`${API_URL}/campaign-activities/${record.id}/${action}`, { method: 'POST', body: JSON.stringify({ version: record.version, reason: reason || undefined }) });
              notify(`xb.campaigns.done.${action}`, { type: 'success' });
              refresh();
            } catch (e) {
              notify((e as Error).message, { type: 'error' });
            }
          }}
        >
          {translate(`xb.campaigns.action.${action}`)}
        </MuiButton>
      ))}
    </Stack>
  );
}

/** Photos and sign-in sheets: uploaded at once, attached when the report is saved. */
function EvidenceUpload({ onChange }: { onChange: (ids: string[]) => void }) {
  const translate = useTranslate();
  const [files, setFiles] = useState<{ id: string; name: string }[]>([]);
  const [error, setError] = useState<string | null>(null);
  return (
    <Box sx={{ my: 1 }}>
      <MuiButton variant="outlined" component="label">
        {translate('xb.campaigns.addPhoto')}
        <input
          hidden
          type="file"
          accept="image/*,application/pdf"
          capture="environment"
          data-testid="evidence-input"
          onChange={async (e) => {
            const file = e.target.files?.[0];
            if (!file) return;
            const form = new FormData();
            form.append('purpose', 'campaigns.activity');
            form.append('file', file);
            try {
              const up = await postForm<{ id: string }>(`${API_URL}/files`, form);
              const next = [...files, { id: up.id, name: file.name }];
              setFiles(next);
              onChange(next.map((f) => f.id));
              setError(null);
            } catch (err) {
              setError((err as Error).message);
            }
          }}
        />
      </MuiButton>
      <Stack direction="row" spacing={1} sx={{ mt: 1 }}>
        {files.map((f) => (
          <Chip key={f.id} label={f.name} data-testid="evidence-chip" />
        ))}
      </Stack>
      {error && <Alert severity="error">{error}</Alert>}
    </Box>
  );
}

/** The outlet's report form: phone-sized, one column. */
export function ActivityCreate() {
  const [fileIds, setFileIds] = useState<string[]>([]);
  return (
    <Create redirect="show" transform={(data: Record<string, unknown>) => ({ ...data, fileIds, staffIds: data.staffIds ?? [], onlineViews: data.onlineViews ?? 0, materials: data.materials ?? 0 })} sx={{ maxWidth: 480 }}>
      <SimpleForm>
        <ReferenceInput source="campaignId" reference="campaigns" filter={{ status: 'open' }}>
          <SelectInput optionText="name" validate={required()} fullWidth />
        </ReferenceInput>
        <DateInput source="date" validate={required()} fullWidth />
        <SelectInput source="venueType" choices={venueChoices} validate={required()} fullWidth />
        <SelectArrayInput source="targetGroups" choices={groupChoices} defaultValue={[]} fullWidth />
        <NumberInput source="sessions" defaultValue={1} validate={required()} fullWidth />
        <NumberInput source="peopleReached" validate={required()} fullWidth />
        <NumberInput source="materials" defaultValue={0} fullWidth />
        <NumberInput source="onlineViews" defaultValue={0} fullWidth />
        <BooleanInput source="eposters" defaultValue={false} />
        <TextInput source="description" multiline fullWidth />
        <EvidenceUpload onChange={setFileIds} />
      </SimpleForm>
    </Create>
  );
}

export function ActivityShow() {
  return (
    <Show>
      <SimpleShowLayout>
        <TextField source="campaignName" />
        <TextField source="orgUnitName" />
        <DateField source="date" />
        <SelectField source="venueType" choices={venueChoices} />
        <FunctionField source="targetGroups" render={(r: ActivityView) => r.targetGroups.join(', ')} />
        <NumberField source="sessions" />
        <NumberField source="peopleReached" />
        <NumberField source="materials" />
        <NumberField source="onlineViews" />
        <BooleanField source="eposters" />
        <TextField source="description" />
        <SelectField source="status" choices={statusChoices} />
        <TextField source="returnReason" />
        <ArrayField source="fileIds">
          <SingleFieldList linkType={false}>
            <FunctionField render={(id: unknown) => <ChipField record={{ id: String(id) }} source="id" />} />
          </SingleFieldList>
        </ArrayField>
        <ActivityActions />
      </SimpleShowLayout>
    </Show>
  );
}

export const activitiesResource = { list: ActivityList, create: ActivityCreate, show: ActivityShow, icon: ActivityIcon };
