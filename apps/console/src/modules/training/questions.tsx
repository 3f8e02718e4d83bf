import QuizIcon from '@mui/icons-material/Quiz';
import { Chip, Stack } from '@mui/material';
import {
  ArrayInput,
  BooleanField,
  Create,
  DataTable,
  List,
  NumberField,
  NumberInput,
  SearchInput,
  SelectField,
  SelectInput,
  SimpleForm,
  SimpleFormIterator,
  SimpleShowLayout,
  TextField,
  TextInput,
  required,
  useRecordContext,
} from 'react-admin';
import { RecordShow, RecordEdit } from '../../common/RecordGone';
import type { QuestionView } from '@xb/contracts/training';
import { DateTimeField } from '../../common/DateTimeField';

export const QUESTION_TYPE_CHOICES = ['single', 'multiple', 'true_false'].map((id) => ({ id, name: `xb.training.type.${id}` }));
const STATUS_CHOICES = ['draft', 'active', 'retired'].map((id) => ({ id, name: `xb.training.status.${id}` }));
/** The usual topic tags of the bank (free text is allowed too). */
export const TAGS = ['八项权利', '投诉处理', '个人信息保护', '反诈', '理财适当性', '3·15'];

export function TagsField(_props: { label?: string; source?: string }) {
  const record = useRecordContext<{ tags?: string[] }>();
  return (
    <Stack direction="row" spacing={0.5} useFlexGap sx={{ flexWrap: 'wrap' }}>
      {(record?.tags ?? []).map((t) => (
        <Chip key={t} size="small" label={t} />
      ))}
    </Stack>
  );
}

function Stem(_props: { label?: string; source?: string }) {
  const record = useRecordContext<QuestionView>();
  const text = record?.stem ?? '';
  return <span title={text}>{text.length > 70 ? `${text.slice(0, 70)}…` : text}</span>;
}

const filters = [
  <SearchInput key="q" source="q" alwaysOn />,
  <SelectInput key="type" source="type" choices={QUESTION_TYPE_CHOICES} />,
  <SelectInput key="status" source="status" choices={STATUS_CHOICES} />,
  <SelectInput key="tags" source="tags" choices={TAGS.map((t) => ({ id: t, name: t }))} translateChoice={false} />,
  <SelectInput key="difficulty" source="difficulty" choices={[1, 2, 3, 4, 5].map((d) => ({ id: d, name: String(d) }))} translateChoice={false} />,
];
const Col = DataTable.Col<QuestionView>;

export function QuestionList() {
  return (
    <List filters={filters} sort={{ field: 'updatedAt', order: 'DESC' }} perPage={25}>
      <DataTable rowClick="show" bulkActionButtons={false}>
        <Col source="stem" disableSort>
          <Stem />
        </Col>
        <Col source="type">
          <SelectField source="type" choices={QUESTION_TYPE_CHOICES} />
        </Col>
        <Col source="tags" disableSort>
          <TagsField />
        </Col>
        <Col source="difficulty" />
        <Col source="status">
          <SelectField source="status" choices={STATUS_CHOICES} />
        </Col>
        <Col source="version" disableSort />
        <Col source="updatedAt">
          <DateTimeField source="updatedAt" />
        </Col>
      </DataTable>
    </List>
  );
}

/** The key as typed in the form ("B", "A,C", "true") in the shape the API takes. */
export function toQuestionPayload(data: Record<string, unknown>) {
  const raw = data.correct;
  const text = Array.isArray(raw) ? raw.join(',') : String(raw ?? '').trim();
  const correct = data.type === 'true_false' ? ['true', '对', '正确'].includes(text.toLowerCase()) : data.type === 'multiple' ? text.toUpperCase().split(/[,，\s]+/).filter(Boolean) : text.toUpperCase();
  const tags = Array.isArray(data.tags) ? data.tags : String(data.tags ?? '').split(/[,，;；]/).map((t) => t.trim()).filter(Boolean);
  return {
    type: data.type,
    stem: data.stem,
    options: data.type === 'true_false' ? [] : data.options,
    correct,
    explanation: data.explanation || undefined,
    tags,
    difficulty: Number(data.difficulty),
    regulation: data.regulation || undefined,
    status: data.status,
  };
}
const formatKey = (v: unknown) => (Array.isArray(v) ? v.join(',') : v === undefined || v === null ? '' : String(v));
const formatTags = (v: unknown) => (Array.isArray(v) ? v.join(',') : (v ?? ''));

function QuestionForm() {
  return (
    <SimpleForm defaultValues={{ type: 'single', difficulty: 2, status: 'active', options: [{ key: 'A', text: '' }, { key: 'B', text: '' }, { key: 'C', text: '' }, { key: 'D', text: '' }] }}>
      <SelectInput source="type" choices={QUESTION_TYPE_CHOICES} validate={required()} />
      <TextInput source="stem" multiline fullWidth validate={required()} />
      <ArrayInput source="options">
        <SimpleFormIterator inline>
          <TextInput source="key" sx={{ width: 80 }} />
          <TextInput source="text" sx={{ minWidth: 360 }} />
        </SimpleFormIterator>
      </ArrayInput>
      <TextInput source="correct" format={formatKey} helperText="xb.training.correct_help" validate={required()} />
      <TextInput source="explanation" multiline fullWidth />
      <TextInput source="tags" format={formatTags} helperText={TAGS.join(' · ')} validate={required()} />
      <NumberInput source="difficulty" min={1} max={5} validate={required()} />
      <TextInput source="regulation" fullWidth />
      <SelectInput source="status" choices={STATUS_CHOICES} />
    </SimpleForm>
  );
}

export function QuestionCreate() {
  return (
    <Create transform={toQuestionPayload} redirect="show">
      <QuestionForm />
    </Create>
  );
}

export function QuestionEdit() {
  return (
    <RecordEdit transform={toQuestionPayload} mutationMode="pessimistic" redirect="show">
      <QuestionForm />
    </RecordEdit>
  );
}

function KeyField(_props: { label?: string; source?: string }) {
  const record = useRecordContext<QuestionView>();
  return <span>{formatKey(record?.correct)}</span>;
}

export function QuestionShow() {
  return (
    <RecordShow>
      <SimpleShowLayout>
        <TextField source="stem" />
        <SelectField source="type" choices={QUESTION_TYPE_CHOICES} />
        <ArrayOptions />
        <KeyField source="correct" />
        <TextField source="explanation" />
        <TagsField source="tags" />
        <NumberField source="difficulty" />
        <TextField source="regulation" />
        <SelectField source="status" choices={STATUS_CHOICES} />
        <NumberField source="version" />
        <BooleanField source="used" />
      </SimpleShowLayout>
    </RecordShow>
  );
}

function ArrayOptions(_props: { label?: string }) {
  const record = useRecordContext<QuestionView>();
  if (!record?.options?.length) return null;
  return (
    <Stack spacing={0.5}>
      {record.options.map((o) => (
        <span key={o.key}>
          {o.key}. {o.text}
        </span>
      ))}
    </Stack>
  );
}

export default { list: QuestionList, create: QuestionCreate, edit: QuestionEdit, show: QuestionShow, icon: QuizIcon, recordRepresentation: (r: QuestionView) => r.stem.slice(0, 40) };
