import { Box, Button, Checkbox, Chip, MenuItem, Select, Stack, TextField as MuiTextField, Typography } from '@mui/material';
import { useEffect, useState } from 'react';
import {
  AutocompleteInput,
  BooleanInput,
  Create,
  DataTable,
  DateTimeInput,
  List,
  NumberInput,
  ReferenceInput,
  SelectField,
  SimpleForm,
  TextInput,
  required,
  useLocaleState,
  useNotify,
  useRecordContext,
  useRefresh,
  useCanAccess,
  useTranslate,
} from 'react-admin';
import { RecordShow } from '../../common/RecordGone';
import type { DrillView, IncidentView } from '@xb/contracts/policies';
import { DateTimeField, formatDateTime } from '../../common/DateTimeField';
import { policiesApi } from './api';
import { ConductDrillButton } from './forms';
import { PlanView } from './plan';

const statusChoices = [
  { id: 'active', name: 'xb.policies.incident_status.active' },
  { id: 'closed', name: 'xb.policies.incident_status.closed' },
];

export function IncidentList() {
  return (
    <List sort={{ field: 'activatedAt', order: 'DESC' }} exporter={false}>
      <DataTable rowClick="show" bulkActionButtons={false}>
        <DataTable.Col source="title" />
        <DataTable.Col source="documentTitle" disableSort />
        <DataTable.Col source="level" />
        <DataTable.Col source="status">
          <SelectField source="status" choices={statusChoices} />
        </DataTable.Col>
        <DataTable.Col source="activatedAt">
          <DateTimeField source="activatedAt" />
        </DataTable.Col>
      </DataTable>
    </List>
  );
}

function Countdown({ dueAt }: { dueAt: string }) {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, []);
  const ms = Date.parse(dueAt) - now;
  const abs = Math.abs(ms);
  const text = `${ms < 0 ? '-' : ''}${Math.floor(abs / 3_600_000)}h ${Math.floor((abs % 3_600_000) / 60_000)}m ${Math.floor((abs % 60_000) / 1000)}s`;
  return <Chip size="small" color={ms < 0 ? 'error' : ms < 3_600_000 ? 'warning' : 'default'} label={text} />;
}

/** 突发事件: the live checklist, reporting deadlines counting down, the append-only timeline, level changes and closing. */
function IncidentBody() {
  const inc = useRecordContext<IncidentView>();
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const [locale] = useLocaleState();
  const [entry, setEntry] = useState('');
  const [review, setReview] = useState('');
  if (!inc) return null;
  const active = inc.status === 'active';
  const post = async (path: string, body: object) => {
    try {
      await policiesApi('POST', `/incidents/${inc.id}/${path}`, body);
      refresh();
    } catch (err) {
      notify((err as Error).message, { type: 'error' });
    }
  };
  return (
    <Box sx={{ p: 2 }}>
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center', mb: 1 }}>
        <Typography variant="h6">{inc.title}</Typography>
        <Chip size="small" label={translate(`xb.policies.incident_status.${inc.status}`)} />
        {inc.drill && <Chip size="small" color="info" label={translate('xb.policies.drill_flag')} />}
        <Typography variant="body2">《{inc.documentTitle}》</Typography>
        {active && (
          <Select size="small" value={inc.level} onChange={(e) => void post('level', { level: Number(e.target.value) })} data-testid="incident-level">
            {inc.plan.levels.map((l) => (
              <MenuItem key={l.level} value={l.level}>
                {l.name}
              </MenuItem>
            ))}
          </Select>
        )}
      </Stack>
      <Typography variant="subtitle1" sx={{ fontWeight: 600 }}>{translate('xb.policies.deadlines')}</Typography>
      {inc.deadlines.map((d) => (
        <Stack key={d.to} direction="row" spacing={1} sx={{ alignItems: 'center' }}>
          <Typography variant="body2">
            {d.to} · {formatDateTime(d.dueAt, locale)}
          </Typography>
          {active && <Countdown dueAt={d.dueAt} />}
        </Stack>
      ))}
      <Typography variant="subtitle1" sx={{ fontWeight: 600, mt: 2 }}>{translate('xb.policies.checklist')}</Typography>
      {inc.steps.map((s) => (
        <Stack key={s.order} direction="row" spacing={1} sx={{ alignItems: 'center' }} data-testid="incident-step">
          <Checkbox checked={s.status === 'done'} disabled={!active} onChange={(e) => void post('steps', { order: s.order, status: e.target.checked ? 'done' : 'open' })} />
          <Typography variant="body2">
            {s.order}. {s.title} · {s.ownerRole} {s.mandatory ? `· ${translate('xb.policies.plan.mandatory')}` : ''} · {formatDateTime(s.dueAt, locale)} {s.doneBy ? `· ✓ ${s.doneBy}` : ''}
          </Typography>
          {active && s.status === 'open' && <Countdown dueAt={s.dueAt} />}
        </Stack>
      ))}
      <Typography variant="subtitle1" sx={{ fontWeight: 600, mt: 2 }}>{translate('xb.policies.timeline')}</Typography>
      {inc.timeline.map((t) => (
        <Typography key={t.id} variant="body2" sx={{ textDecoration: inc.timeline.some((x) => x.corrects === t.id) ? 'line-through' : undefined }}>
          {formatDateTime(t.occurredAt, locale)} ({translate('xb.policies.recorded')} {formatDateTime(t.recordedAt, locale)}) · {t.actorName}: {t.text}
        </Typography>
      ))}
      {active && (
        <Stack direction="row" spacing={1} sx={{ mt: 1 }}>
          <MuiTextField size="small" value={entry} onChange={(e) => setEntry(e.target.value)} fullWidth placeholder={translate('xb.policies.timeline_entry')} />
          <Button
            variant="outlined"
            disabled={!entry.trim()}
            onClick={() => {
              void post('timeline', { text: entry });
              setEntry('');
            }}
          >
            {translate('ra.action.add')}
          </Button>
        </Stack>
      )}
      {active && (
        <Stack direction="row" spacing={1} sx={{ mt: 2 }}>
          <MuiTextField size="small" value={review} onChange={(e) => setReview(e.target.value)} fullWidth placeholder={translate('xb.policies.closing_review')} />
          <Button variant="contained" color="warning" disabled={!review.trim() || !inc.availableActions.includes('close')} onClick={() => void post('close', { review })}>
            {translate('xb.policies.close_incident')}
          </Button>
        </Stack>
      )}
      {inc.closingReview && (
        <Typography variant="body2" sx={{ mt: 2 }}>
          {translate('xb.policies.closing_review')}: {inc.closingReview} {inc.followUps.map((f) => `· ${f.action}（${f.owner}，${f.due}）`).join(' ')}
        </Typography>
      )}
      <Box sx={{ mt: 2 }}>
        <PlanView plan={inc.plan} />
      </Box>
    </Box>
  );
}

export function IncidentShow() {
  return (
    <RecordShow actions={false}>
      <IncidentBody />
    </RecordShow>
  );
}

export function IncidentCreate() {
  return (
    <Create redirect="show">
      <SimpleForm defaultValues={{ level: 3, drill: false }}>
        <ReferenceInput source="documentId" reference="policy-documents" filter={{ kind: 'emergency_plan' }}>
          <AutocompleteInput optionText="title" validate={required()} />
        </ReferenceInput>
        <TextInput source="title" validate={required()} fullWidth />
        <TextInput source="description" multiline fullWidth />
        <NumberInput source="level" min={1} max={4} validate={required()} />
        <BooleanInput source="drill" />
      </SimpleForm>
    </Create>
  );
}

export function DrillList() {
  return (
    <List sort={{ field: 'plannedFor', order: 'DESC' }} exporter={false}>
      <DataTable rowClick="show" bulkActionButtons={false}>
        <DataTable.Col source="documentTitle" disableSort />
        <DataTable.Col source="versionNumber" disableSort />
        <DataTable.Col source="scenario" disableSort />
        <DataTable.Col source="plannedFor">
          <DateTimeField source="plannedFor" />
        </DataTable.Col>
        <DataTable.Col source="conductedAt">
          <DateTimeField source="conductedAt" emptyText="—" />
        </DataTable.Col>
      </DataTable>
    </List>
  );
}

function DrillBody() {
  const d = useRecordContext<DrillView>();
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const { canAccess: mayConduct } = useCanAccess({ resource: 'drills', action: 'edit' });
  if (!d) return null;
  return (
    <Box sx={{ p: 2 }}>
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
        <Typography variant="h6">
          《{d.documentTitle}》 v{d.versionNumber} · {d.scenario}
        </Typography>
        <Chip size="small" label={translate(`xb.policies.drill_status.${d.status}`)} data-testid="drill-status" />
        {d.status === 'planned' && mayConduct && <ConductDrillButton drill={d} />}
      </Stack>
      <Typography variant="body2">
        {translate('resources.drills.fields.plannedFor')}: {formatDateTime(d.plannedFor, locale)} · {translate('resources.drills.fields.conductedAt')}: {formatDateTime(d.conductedAt, locale) || '—'}
      </Typography>
      <Typography variant="body2">{translate('resources.drills.fields.participants')}: {d.participants.join('、') || '—'}</Typography>
      <Typography variant="subtitle2" sx={{ mt: 1 }}>{translate('resources.drills.fields.stepTimes')}</Typography>
      {d.stepTimes.map((s) => (
        <Typography key={s.order} variant="body2">
          {s.order}: {s.minutes} min
        </Typography>
      ))}
      <Typography variant="subtitle2" sx={{ mt: 1 }}>{translate('resources.drills.fields.findings')}</Typography>
      {d.findings.map((f, i) => (
        <Typography key={i} variant="body2">
          {f.finding} {f.action ? `→ ${f.action}（${f.owner ?? ''} ${f.due ?? ''}）` : ''}
        </Typography>
      ))}
    </Box>
  );
}

export function DrillShow() {
  return (
    <RecordShow actions={false}>
      <DrillBody />
    </RecordShow>
  );
}

export function DrillCreate() {
  return (
    <Create redirect="show">
      <SimpleForm>
        <ReferenceInput source="versionId" reference="policy-versions" filter={{ status: 'published' }}>
          <AutocompleteInput optionText={(v: { documentTitle: string; number: number }) => `${v.documentTitle} v${v.number}`} validate={required()} />
        </ReferenceInput>
        <DateTimeInput source="plannedFor" validate={required()} />
        <TextInput source="scenario" validate={required()} fullWidth />
      </SimpleForm>
    </Create>
  );
}
