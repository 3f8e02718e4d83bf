import EmojiEventsIcon from '@mui/icons-material/EmojiEvents';
import { Alert, Button as MuiButton, Stack } from '@mui/material';
import { useEffect, useState } from 'react';
import {
  ArrayInput,
  AutocompleteArrayInput,
  BooleanInput,
  CheckboxGroupInput,
  Create,
  DataTable,
  DateTimeInput,
  List,
  NumberInput,
  ReferenceArrayInput,
  SearchInput,
  SelectField,
  SelectInput,
  SimpleForm,
  SimpleFormIterator,
  SimpleShowLayout,
  TextField,
  TextInput,
  TopToolbar,
  EditButton,
  required,
  useNotify,
  useRecordContext,
  useRefresh,
  useTranslate,
  Link,
  NumberField,
  ReferenceField,
  ReferenceInput,
} from 'react-admin';
import { RecordShow, RecordEdit } from '../../common/RecordGone';
import { useWatch } from 'react-hook-form';
import { ExamProgressBar } from './ExamProgressBar';
import type { ExamView } from '@xb/contracts/training';
import { DateTimeField } from '../../common/DateTimeField';
import { orgUnitOptionText } from '../../common/org-unit-option';
import { API_URL, httpClient } from '../../providers/http-client';
import { ROLES } from '../../types';
import { TAGS } from './questions';

const choices = (prefix: string, ids: string[]) => ids.map((id) => ({ id, name: `xb.training.${prefix}.${id}` }));
export const KIND_CHOICES = choices('kind', ['practice', 'exam', 'competition']);
const STATUS_CHOICES = choices('status', ['draft', 'published']);
const GRADING_CHOICES = choices('grading', ['highest', 'last', 'first', 'average']);
const REVIEW_CHOICES = choices('review', ['none', 'score', 'answers', 'correct', 'explanations']);
const POLICY_CHOICES = choices('policy', ['all_or_nothing', 'partial_no_wrong']);
const ROLE_CHOICES = ROLES.map((r) => ({ id: r, name: `xb.roles.${r}` }));

const Col = DataTable.Col<ExamView>;
const filters = [<SearchInput key="q" source="q" alwaysOn />, <SelectInput key="kind" source="kind" choices={KIND_CHOICES} />, <SelectInput key="status" source="status" choices={STATUS_CHOICES} />];

function ProgressCell(_props: { label?: string }) {
  const record = useRecordContext<ExamView>();
  return record ? <ExamProgressBar progress={record.progress} /> : null;
}

export function ExamList() {
  return (
    <List filters={filters} sort={{ field: 'opensAt', order: 'DESC' }}>
      <DataTable rowClick="show" bulkActionButtons={false}>
        <Col source="title" />
        <Col source="kind">
          <SelectField source="kind" choices={KIND_CHOICES} />
        </Col>
        <Col source="status">
          <SelectField source="status" choices={STATUS_CHOICES} />
        </Col>
        <Col source="opensAt">
          <DateTimeField source="opensAt" />
        </Col>
        <Col source="closesAt">
          <DateTimeField source="closesAt" />
        </Col>
        <Col source="timeLimitMinutes" disableSort />
        <Col source="passPercent" disableSort />
        <Col source="progress" disableSort>
          <ProgressCell />
        </Col>
      </DataTable>
    </List>
  );
}

/** The draw rules' pool sizes as they are being typed (the server counts active questions). */
function PoolPreview() {
  const rules = useWatch({ name: 'drawRules' }) as { tag?: string; difficulty?: number }[] | undefined;
  const translate = useTranslate();
  const [sizes, setSizes] = useState<number[] | null>(null);
  const key = JSON.stringify((rules ?? []).map((r) => [r?.tag, r?.difficulty]));
  useEffect(() => {
    const valid = (rules ?? []).filter((r) => r?.tag);
    if (!valid.length) return setSizes(null);
    const timer = setTimeout(() => {
      httpClient(`${API_URL}/exams/pools`, { method: 'POST', body: JSON.stringify({ drawRules: valid.map((r) => ({ tag: r.tag, ...(r.difficulty ? { difficulty: Number(r.difficulty) } : {}) })) }) })
        .then(({ json }) => setSizes((json as { poolSizes: number[] }).poolSizes))
        .catch(() => setSizes(null));
    }, 300);
    return () => clearTimeout(timer);
  }, [key]);
  if (!sizes) return null;
  return (
    <Alert severity="info" data-testid="pool-preview" sx={{ mb: 2 }}>
      {translate('xb.training.pool_preview', { sizes: sizes.join(' / ') })}
    </Alert>
  );
}

const toExamPayload = (data: Record<string, unknown>) => ({
  ...data,
  drawRules: ((data.drawRules as Record<string, unknown>[] | undefined) ?? []).map((r) => ({ tag: r.tag, count: Number(r.count), points: Number(r.points), ...(r.difficulty ? { difficulty: Number(r.difficulty) } : {}) })),
  questions: [],
  makeUpUntil: data.makeUpUntil || undefined,
  round: data.round || undefined,
  previousRoundId: data.kind === 'competition' ? data.previousRoundId || undefined : undefined,
  qualifyTop: data.kind === 'competition' && data.previousRoundId && data.qualifyTop ? Number(data.qualifyTop) : undefined,
  audienceUnitIds: data.audienceUnitIds ?? [],
  audienceRoles: data.audienceRoles ?? [],
});

const inHours = (h: number) => new Date(Date.now() + h * 3_600_000).toISOString();

/** 轮次: a competition's round number and, for a later round, the published earlier round and how many of its top go on. */
function RoundInputs() {
  const kind = useWatch({ name: 'kind' });
  if (kind !== 'competition') return null;
  return (
    <Stack direction={{ xs: 'column', md: 'row' }} spacing={2} data-testid="round-inputs">
      <NumberInput source="round" min={1} />
      <ReferenceInput source="previousRoundId" reference="exams" filter={{ kind: 'competition', status: 'published' }} sort={{ field: 'opensAt', order: 'DESC' }}>
        <SelectInput optionText="title" />
      </ReferenceInput>
      <NumberInput source="qualifyTop" min={1} />
    </Stack>
  );
}

function ExamForm() {
  return (
    <SimpleForm
      defaultValues={{
        kind: 'exam',
        timeLimitMinutes: 30,
        passPercent: 60,
        attemptsAllowed: 1,
        gradingMethod: 'highest',
        multiplePolicy: 'partial_no_wrong',
        shuffleQuestions: true,
        shuffleOptions: true,
        reviewAfterSubmit: 'score',
        reviewAfterClose: 'explanations',
        opensAt: inHours(0),
        closesAt: inHours(24 * 7),
        drawRules: [{ tag: '八项权利', count: 5, points: 4 }],
        audienceUnitIds: [],
        audienceRoles: [],
      }}
    >
      <TextInput source="title" fullWidth validate={required()} />
      <SelectInput source="kind" choices={KIND_CHOICES} validate={required()} />
      <ArrayInput source="drawRules">
        <SimpleFormIterator inline>
          <SelectInput source="tag" choices={TAGS.map((t) => ({ id: t, name: t }))} translateChoice={false} />
          <NumberInput source="difficulty" min={1} max={5} sx={{ width: 110 }} />
          <NumberInput source="count" min={1} sx={{ width: 110 }} />
          <NumberInput source="points" min={0.5} sx={{ width: 110 }} />
        </SimpleFormIterator>
      </ArrayInput>
      <PoolPreview />
      <NumberInput source="timeLimitMinutes" min={1} validate={required()} />
      <Stack direction={{ xs: 'column', md: 'row' }} spacing={2}>
        <DateTimeInput source="opensAt" validate={required()} />
        <DateTimeInput source="closesAt" validate={required()} />
        <DateTimeInput source="makeUpUntil" />
      </Stack>
      <Stack direction={{ xs: 'column', md: 'row' }} spacing={2}>
        <NumberInput source="passPercent" min={0} max={100} validate={required()} />
        <NumberInput source="attemptsAllowed" min={1} validate={required()} />
        <SelectInput source="gradingMethod" choices={GRADING_CHOICES} validate={required()} />
        <SelectInput source="multiplePolicy" choices={POLICY_CHOICES} />
      </Stack>
      <Stack direction="row" spacing={2}>
        <BooleanInput source="shuffleQuestions" />
        <BooleanInput source="shuffleOptions" />
      </Stack>
      <Stack direction={{ xs: 'column', md: 'row' }} spacing={2}>
        <SelectInput source="reviewAfterSubmit" choices={REVIEW_CHOICES} validate={required()} />
        <SelectInput source="reviewAfterClose" choices={REVIEW_CHOICES} validate={required()} />
      </Stack>
      <ReferenceArrayInput source="audienceUnitIds" reference="org-units" sort={{ field: 'path', order: 'ASC' }} perPage={100}>
        <AutocompleteArrayInput optionText={orgUnitOptionText} fullWidth />
      </ReferenceArrayInput>
      <CheckboxGroupInput source="audienceRoles" choices={ROLE_CHOICES} />
      <RoundInputs />
    </SimpleForm>
  );
}

export function ExamCreate() {
  return (
    <Create transform={toExamPayload} redirect="show">
      <ExamForm />
    </Create>
  );
}

export function ExamEdit() {
  return (
    <RecordEdit transform={toExamPayload} mutationMode="pessimistic" redirect="show">
      <ExamForm />
    </RecordEdit>
  );
}

function ExamActions() {
  const record = useRecordContext<ExamView>();
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  if (!record) return null;
  const publish = async () => {
    try {
      await httpClient(`${API_URL}/exams/${record.id}/publish`, { method: 'POST' });
      notify('xb.training.published', { type: 'success' });
      refresh();
    } catch (err) {
      notify((err as Error).message, { type: 'error' });
    }
  };
  return (
    <TopToolbar>
      {record.availableActions.includes('edit') && <EditButton />}
      {record.availableActions.includes('publish') && (
        <MuiButton variant="contained" onClick={publish} data-testid="exam-publish">
          {translate('xb.training.publish')}
        </MuiButton>
      )}
      {record.availableActions.includes('results') && (
        <MuiButton component={Link} to={`/training/results/${record.id}`} data-testid="exam-results">
          {translate('xb.training.results')}
        </MuiButton>
      )}
    </TopToolbar>
  );
}

function RulesField(_props: { label?: string }) {
  const record = useRecordContext<ExamView>();
  const translate = useTranslate();
  if (!record) return null;
  return (
    <ul data-testid="exam-rules">
      {record.drawRules.map((r, i) => (
        <li key={i}>
          {r.tag}
          {r.difficulty ? ` · ${r.difficulty}` : ''} · {translate('resources.exams.fields.count')} {r.count} · {translate('resources.exams.fields.points')} {r.points} ·{' '}
          {translate('resources.exams.fields.poolSize')} {r.poolSize}
        </li>
      ))}
    </ul>
  );
}

export function ExamShow() {
  return (
    <RecordShow actions={<ExamActions />}>
      <SimpleShowLayout>
        <TextField source="title" />
        <SelectField source="kind" choices={KIND_CHOICES} />
        <SelectField source="status" choices={STATUS_CHOICES} />
        <ProgressCell label="resources.exams.fields.progress" />
        <RulesField label="resources.exams.fields.drawRules" />
        <NumberField source="timeLimitMinutes" />
        <DateTimeField source="opensAt" />
        <DateTimeField source="closesAt" />
        <NumberField source="passPercent" />
        <NumberField source="attemptsAllowed" />
        <SelectField source="gradingMethod" choices={GRADING_CHOICES} />
        <SelectField source="reviewAfterSubmit" choices={REVIEW_CHOICES} />
        <SelectField source="reviewAfterClose" choices={REVIEW_CHOICES} />
        <NumberField source="round" emptyText="—" />
        <ReferenceField source="previousRoundId" reference="exams" emptyText="—" />
        <NumberField source="qualifyTop" emptyText="—" />
      </SimpleShowLayout>
    </RecordShow>
  );
}

export default { list: ExamList, create: ExamCreate, edit: ExamEdit, show: ExamShow, icon: EmojiEventsIcon, recordRepresentation: (r: ExamView) => r.title };
