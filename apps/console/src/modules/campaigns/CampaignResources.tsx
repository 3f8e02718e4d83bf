import CampaignIcon from '@mui/icons-material/Campaign';
import ActivityIcon from '@mui/icons-material/EventNote';
import { Alert, Box, Button as MuiButton, Chip, Stack, TextField as MuiTextField, Typography } from '@mui/material';
import { ACTIVITY_STATUSES, DEFAULT_TARGET_GROUPS, TARGET_METRICS, VENUE_TYPES, type ActivityAction } from '@xb/contracts/campaigns/codes';
import type { ActivityView, CampaignView } from '@xb/contracts/campaigns';
import type { UserView } from '@xb/contracts';
import { useState } from 'react';
import { useWatch } from 'react-hook-form';
import {
  ArrayField,
  ArrayInput,
  AutocompleteArrayInput,
  AutocompleteInput,
  BooleanField,
  BooleanInput,
  Create,
  Datagrid,
  DateField,
  DateInput,
  EditButton,
  FunctionField,
  List,
  NumberField,
  NumberInput,
  ReferenceField,
  ReferenceArrayInput,
  ReferenceInput,
  SelectArrayInput,
  SelectField,
  SelectInput,
  SimpleForm,
  SimpleFormIterator,
  SimpleShowLayout,
  TextField,
  TextInput,
  TopToolbar,
  required,
  useGetOne,
  useNotify,
  useRecordContext,
  useRefresh,
  useTranslate,
} from 'react-admin';
import { StoredFiles } from '../../common/attachments/Attachments';
import { RecordShow, RecordEdit } from '../../common/RecordGone';
import { PersonName } from '../../common/PersonName';
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

/** The set-up form of a campaign (create and edit): series, period, organising unit, targets, rules. */
function CampaignForm() {
  return (
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
      <TextArrayInput source="topics" />
      <TargetGroupsInput />
      <ArrayInput source="targets">
        <SimpleFormIterator inline>
          <SelectInput source="metric" choices={metricChoices} validate={required()} />
          <NumberInput source="value" validate={required()} min={0} />
          <ReferenceInput source="orgUnitId" reference="org-units" sort={{ field: 'path', order: 'ASC' }}>
            <AutocompleteInput optionText="name" />
          </ReferenceInput>
        </SimpleFormIterator>
      </ArrayInput>
      <BooleanInput source="rules.staffAtMostPeople" defaultValue />
      <BooleanInput source="rules.evidenceRequired" defaultValue={false} />
      <NumberInput source="rules.maxPeoplePerActivity" min={1} />
    </SimpleForm>
  );
}

/** Topics (宣传主题) as a free list: type one and press Enter. */
function TextArrayInput({ source }: { source: string }) {
  // The choices are the values themselves, so the record's topics show and new ones stay.
  const current = (useWatch({ name: source }) as string[] | undefined) ?? [];
  return (
    <AutocompleteArrayInput
      source={source}
      choices={current.map((t) => ({ id: t, name: t }))}
      translateChoice={false}
      onCreate={(text?: string) => (text?.trim() ? { id: text.trim(), name: text.trim() } : undefined)}
      createItemLabel="xb.campaigns.addTopic"
      fullWidth
    />
  );
}

/** Label of a target-group code: the standard ones translated, a campaign's own shown as written. */
function useGroupLabel() {
  const translate = useTranslate();
  return (code: string) => translate(`xb.campaigns.group.${code}`, { _: code });
}

/**
 * 重点人群 reports may name: the standard list, plus codes of the campaign's own (type a
 * code in lower-case letters, digits and _, e.g. `migrant_workers`; the service checks it).
 */
function TargetGroupsInput() {
  const label = useGroupLabel();
  const current = (useWatch({ name: 'targetGroups' }) as string[] | undefined) ?? [];
  const codes = [...new Set([...DEFAULT_TARGET_GROUPS, ...current])];
  return (
    <AutocompleteArrayInput
      source="targetGroups"
      choices={codes.map((id) => ({ id, name: label(id) }))}
      translateChoice={false}
      defaultValue={[...DEFAULT_TARGET_GROUPS]}
      onCreate={(text?: string) => {
        const code = text?.trim().toLowerCase().replace(/[\s-]+/g, '_');
        return code ? { id: code, name: code } : undefined;
      }}
      createItemLabel="xb.campaigns.addGroup"
      helperText="xb.campaigns.groupHelp"
      fullWidth
    />
  );
}

export function CampaignCreate() {
  return (
    <Create redirect="show">
      <CampaignForm />
    </Create>
  );
}

/** Editing an open campaign (the service refuses a closed one: 409, and a stale version: 409). */
export function CampaignEdit() {
  return (
    <RecordEdit mutationMode="pessimistic" redirect="show">
      <EditableOnly action="edit" messageKey="xb.campaigns.notEditableCampaign">
        <CampaignForm />
      </EditableOnly>
    </RecordEdit>
  );
}

/** Renders the form only when the record offers `action` (the service's availableActions); else says why not. */
function EditableOnly({ action, messageKey, children }: { action: string; messageKey: string; children: React.ReactNode }) {
  const record = useRecordContext<{ availableActions?: string[] }>();
  const translate = useTranslate();
  if (!record) return null;
  if (!record.availableActions?.includes(action)) {
    return (
      <Alert severity="info" sx={{ m: 2 }} data-testid="not-editable">
        {translate(messageKey)}
      </Alert>
    );
  }
  return <>{children}</>;
}

/** The Edit button, shown only when the service says the caller may do `action` now. */
function EditIfAllowed({ action }: { action: string }) {
  const record = useRecordContext<{ availableActions?: string[] }>();
  return record?.availableActions?.includes(action) ? <EditButton /> : null;
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
    <RecordShow
      actions={
        <TopToolbar>
          <EditIfAllowed action="edit" />
        </TopToolbar>
      }
    >
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
    </RecordShow>
  );
}

export const campaignsResource = { list: CampaignList, create: CampaignCreate, edit: CampaignEdit, show: CampaignShow, icon: CampaignIcon, recordRepresentation: (r: CampaignView) => `${r.year} ${r.name}` };

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
      <EditIfAllowed action="edit" />
      <ActivityActions />
    </Datagrid>
  );
}

/** 待我审核: submitted activities strictly below my unit. */
export function VerificationQueue() {
  return (
    <List resource="campaign-activities" filter={{ toVerify: true }} sort={{ field: 'date', order: 'ASC' }} title="xb.campaigns.queue" disableSyncWithLocation empty={<QueueEmpty />}>
      <ActivityGrid />
    </List>
  );
}

function QueueEmpty() {
  const translate = useTranslate();
  return (
    <Alert severity="success" sx={{ m: 2 }} data-testid="queue-empty">
      {translate('xb.campaigns.queueEmpty')}
    </Alert>
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
          sx={{ whiteSpace: 'nowrap', flexShrink: 0 }}
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

/**
 * Photos and sign-in sheets: uploaded at once. On the report form they are attached when the
 * report is saved (`onChange`); on an existing activity (`activityId`) each is attached at once.
 */
function EvidenceUpload({ onChange, activityId }: { onChange?: (ids: string[]) => void; activityId?: string }) {
  const translate = useTranslate();
  const refresh = useRefresh();
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
              if (activityId) {
                await apiClient(`${API_URL}/campaign-activities/${activityId}/attachments`, { method: 'POST', body: JSON.stringify({ fileId: up.id }) });
                refresh();
              }
              const next = [...files, { id: up.id, name: file.name }];
              setFiles(next);
              onChange?.(next.map((f) => f.id));
              setError(null);
            } catch (err) {
              setError((err as Error).message);
            } finally {
              e.target.value = '';
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

const userLabel = (u: UserView) => (u.displayName && u.displayName !== u.username ? `${u.displayName} (${u.username})` : u.username);

/**
 * 参与员工: staff taking part, picked by name from the directory (`GET /api/users`, the
 * caller's scope; type to search), so distinct staff and person-times can both be counted.
 * The service checks each is staff of the campaign's units.
 */
function StaffPicker() {
  const translate = useTranslate();
  return (
    <ReferenceArrayInput source="staffIds" reference="users" filter={{ active: true }} sort={{ field: 'username', order: 'ASC' }} perPage={50}>
      <AutocompleteArrayInput
        optionText={userLabel}
        filterToQuery={(q: string) => (q ? { q } : {})}
        noOptionsText={translate('xb.campaigns.noStaff')}
        helperText="xb.campaigns.staffHelp"
        fullWidth
        data-testid="staff-picker"
      />
    </ReferenceArrayInput>
  );
}

/** Target groups and topics offered by the chosen campaign (its own lists; the defaults until one is chosen). */
function CampaignListsInputs({ campaignId }: { campaignId?: string }) {
  const watched = useWatch({ name: 'campaignId' }) as string | undefined;
  const id = campaignId ?? watched;
  const { data: campaign } = useGetOne<CampaignView>('campaigns', { id: id ?? '' }, { enabled: Boolean(id) });
  const label = useGroupLabel();
  const groups = campaign?.targetGroups.length ? campaign.targetGroups : DEFAULT_TARGET_GROUPS;
  return (
    <>
      <SelectArrayInput source="targetGroups" choices={groups.map((g) => ({ id: g, name: label(g) }))} translateChoice={false} defaultValue={[]} fullWidth />
      {campaign?.topics.length ? <SelectArrayInput source="topics" choices={campaign.topics.map((t) => ({ id: t, name: t }))} defaultValue={[]} translateChoice={false} fullWidth /> : null}
    </>
  );
}

/** The figures of a report (create and edit), one column for a phone-sized window. */
function ActivityFields({ campaignId }: { campaignId?: string }) {
  return (
    <>
      <DateInput source="date" validate={required()} fullWidth />
      <SelectInput source="venueType" choices={venueChoices} validate={required()} fullWidth />
      <CampaignListsInputs campaignId={campaignId} />
      <NumberInput source="sessions" defaultValue={1} validate={required()} min={0} fullWidth />
      <StaffPicker />
      <NumberInput source="peopleReached" validate={required()} min={0} fullWidth />
      <NumberInput source="materials" defaultValue={0} min={0} fullWidth />
      <NumberInput source="onlineViews" defaultValue={0} min={0} fullWidth />
      <BooleanInput source="eposters" defaultValue={false} />
      <TextInput source="description" multiline fullWidth />
    </>
  );
}

const activityPayload = (data: Record<string, unknown>) => ({
  ...data,
  staffIds: data.staffIds ?? [],
  topics: data.topics ?? [],
  onlineViews: data.onlineViews ?? 0,
  materials: data.materials ?? 0,
});

/** The outlet's report form: phone-sized, one column. */
export function ActivityCreate() {
  const [fileIds, setFileIds] = useState<string[]>([]);
  return (
    <Create redirect="show" transform={(data: Record<string, unknown>) => ({ ...activityPayload(data), fileIds })} sx={{ maxWidth: 480 }}>
      <SimpleForm>
        <ReferenceInput source="campaignId" reference="campaigns" filter={{ status: 'open' }}>
          <SelectInput optionText="name" validate={required()} fullWidth />
        </ReferenceInput>
        <ActivityFields />
        <EvidenceUpload onChange={setFileIds} />
      </SimpleForm>
    </Create>
  );
}

function ActivityEditForm() {
  const record = useRecordContext<ActivityView>();
  const translate = useTranslate();
  if (!record) return null;
  return (
    <SimpleForm>
      <Typography variant="subtitle1">
        {record.campaignName} · {record.orgUnitName}
      </Typography>
      {record.status === 'returned' && record.returnReason && (
        <Alert severity="warning" sx={{ mb: 1 }} data-testid="return-reason">
          {translate('xb.campaigns.returnedBecause', { reason: record.returnReason })}
        </Alert>
      )}
      <ActivityFields campaignId={record.campaignId} />
      <EvidenceUpload activityId={record.id} />
    </SimpleForm>
  );
}

/** Editing a draft or returned report of the caller's own unit (sent with the version read: 409 when someone changed it). */
export function ActivityEdit() {
  return (
    <RecordEdit mutationMode="pessimistic" redirect="show" transform={activityPayload} sx={{ maxWidth: 480 }}>
      <EditableOnly action="edit" messageKey="xb.campaigns.notEditableActivity">
        <ActivityEditForm />
      </EditableOnly>
    </RecordEdit>
  );
}

/** Staff taking part, by name and unit. */
function StaffNames() {
  const record = useRecordContext<ActivityView>();
  const translate = useTranslate();
  if (!record) return null;
  if (!record.staffIds.length) return <Typography variant="body2">{translate('xb.campaigns.noStaffNamed')}</Typography>;
  return (
    <Stack direction="row" spacing={1} useFlexGap flexWrap="wrap" data-testid="staff-names">
      {record.staffIds.map((id) => (
        <Chip key={id} size="small" label={<PersonName id={id} />} />
      ))}
    </Stack>
  );
}

export function ActivityShow() {
  const translate = useTranslate();
  return (
    <RecordShow
      actions={
        <TopToolbar>
          <EditIfAllowed action="edit" />
        </TopToolbar>
      }
    >
      <SimpleShowLayout>
        {/* The workflow buttons first: on a phone they stay in view (and clear of notifications at the bottom). */}
        <ActivityActions />
        <TextField source="campaignName" />
        <TextField source="orgUnitName" />
        <DateField source="date" />
        <SelectField source="venueType" choices={venueChoices} />
        <FunctionField source="targetGroups" render={(r: ActivityView) => r.targetGroups.map((g) => translate(`xb.campaigns.group.${g}`, { _: g })).join('、')} />
        <FunctionField source="topics" render={(r: ActivityView) => r.topics.join('、')} />
        <NumberField source="sessions" />
        <FunctionField source="staffIds" render={() => <StaffNames />} />
        <NumberField source="peopleReached" />
        <NumberField source="materials" />
        <NumberField source="onlineViews" />
        <BooleanField source="eposters" />
        <TextField source="description" />
        <SelectField source="status" choices={statusChoices} />
        <TextField source="returnReason" />
        <FunctionField source="fileIds" render={(a: ActivityView) => <StoredFiles fileIds={a.fileIds} empty="xb.campaigns.noEvidence" />} />
      </SimpleShowLayout>
    </RecordShow>
  );
}

export const activitiesResource = { list: ActivityList, create: ActivityCreate, edit: ActivityEdit, show: ActivityShow, icon: ActivityIcon, recordRepresentation: (r: ActivityView) => `${r.campaignName} · ${r.orgUnitName} ${r.date}` };
