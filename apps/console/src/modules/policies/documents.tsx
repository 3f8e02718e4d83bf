import { Chip } from '@mui/material';
import {
  ArrayInput,
  BooleanField,
  BooleanInput,
  Create,
  DataTable,
  FunctionField,
  List,
  NumberInput,
  ReferenceArrayInput,
  ReferenceInput,
  AutocompleteInput,
  AutocompleteArrayInput,
  SearchInput,
  SelectArrayInput,
  SelectField,
  SelectInput,
  SimpleForm,
  SimpleFormIterator,
  SimpleShowLayout,
  TextField,
  TextInput,
  TopToolbar,
  EditButton,
  ReferenceManyField,
  required,
  useRecordContext,
  useTranslate,
  useCanAccess,
} from 'react-admin';
import { RecordShow, RecordEdit } from '../../common/RecordGone';
import type { PolicyDocumentView } from '@xb/contracts/policies';
import { DateTimeField } from '../../common/DateTimeField';
import { choicesOf, DOCUMENT_KINDS, PLAN_BUSINESS_TYPES, ROLE_CHOICES, VERSION_STATUSES } from './api';
import { ReviewedNoChangeButton } from './forms';

const kinds = choicesOf('kind', DOCUMENT_KINDS);
const statuses = choicesOf('status', VERSION_STATUSES);

const filters = [
  <SearchInput key="q" source="q" alwaysOn />,
  <SelectArrayInput key="kind" source="kind" choices={kinds} />,
  <ReferenceInput key="owner" source="ownerUnitId" reference="org-units">
    <AutocompleteInput optionText="name" />
  </ReferenceInput>,
  <SelectArrayInput key="status" source="status" choices={statuses} />,
  <BooleanInput key="reviewDue" source="reviewDue" />,
];

export function ReviewDueChip() {
  const record = useRecordContext<PolicyDocumentView>();
  const translate = useTranslate();
  if (!record?.reviewDueAt) return null;
  return record.reviewOverdue ? <Chip size="small" color="error" label={translate('xb.policies.review_overdue')} /> : <DateTimeField source="reviewDueAt" />;
}

const Column = DataTable.Col<PolicyDocumentView>;

/** 制度文件登记簿: the register, with filters by kind, department, status and review due. */
export function PolicyDocumentList() {
  return (
    <List filters={filters} sort={{ field: 'code', order: 'ASC' }} exporter={false}>
      <DataTable rowClick="show" bulkActionButtons={false}>
        <Column source="code" />
        <Column source="title" />
        <Column source="kind">
          <SelectField source="kind" choices={kinds} />
        </Column>
        <Column source="ownerUnitName" disableSort />
        <Column source="currentVersionNumber" disableSort />
        <Column source="latestStatus" disableSort>
          <SelectField source="latestStatus" choices={statuses} />
        </Column>
        <Column source="reviewDueAt">
          <ReviewDueChip />
        </Column>
      </DataTable>
    </List>
  );
}

function DocumentActions() {
  const doc = useRecordContext<PolicyDocumentView>();
  const { canAccess } = useCanAccess({ resource: 'policy-documents', action: 'edit' });
  const { canAccess: mayReview } = useCanAccess({ resource: 'policy-documents', action: 'review' });
  return (
    <TopToolbar>
      {doc && mayReview && <ReviewedNoChangeButton doc={doc} />}
      {canAccess && <EditButton />}
    </TopToolbar>
  );
}

export function PolicyDocumentShow() {
  return (
    <RecordShow actions={<DocumentActions />}>
      <SimpleShowLayout>
        <TextField source="code" />
        <TextField source="title" />
        <SelectField source="kind" choices={kinds} />
        <TextField source="ownerUnitName" />
        <TextField source="businessLine" emptyText="—" />
        <TextField source="reviewCycleMonths" />
        <BooleanField source="requiresAcknowledgement" />
        <FunctionField source="approvalRule" render={(r: PolicyDocumentView) => r.approvalRule.map((q) => `${q.role}×${q.count}${q.ownerDepartment ? '*' : ''}`).join(' + ')} />
        <DateTimeField source="lastReviewedAt" emptyText="—" />
        <ReviewDueChip />
        <ReferenceManyField reference="policy-versions" target="documentId" sort={{ field: 'number', order: 'DESC' }} label="resources.policy-versions.name">
          <DataTable rowClick="show" bulkActionButtons={false}>
            <DataTable.Col source="number" />
            <DataTable.Col source="status">
              <SelectField source="status" choices={statuses} />
            </DataTable.Col>
            <DataTable.Col source="changeSummary" />
            <DataTable.Col source="material">
              <BooleanField source="material" />
            </DataTable.Col>
            <DataTable.Col source="effectiveFrom">
              <DateTimeField source="effectiveFrom" emptyText="—" />
            </DataTable.Col>
          </DataTable>
        </ReferenceManyField>
      </SimpleShowLayout>
    </RecordShow>
  );
}

function DocumentInputs({ creating }: { creating: boolean }) {
  return (
    <>
      {creating && <TextInput source="code" validate={required()} helperText="XB-ZD-001" />}
      <TextInput source="title" validate={required()} fullWidth />
      {creating && <SelectInput source="kind" choices={kinds} validate={required()} />}
      {creating && (
        <ReferenceInput source="ownerUnitId" reference="org-units">
          <AutocompleteInput optionText="name" validate={required()} />
        </ReferenceInput>
      )}
      {creating && <SelectInput source="planBusinessType" choices={choicesOf('business', PLAN_BUSINESS_TYPES)} />}
      <TextInput source="businessLine" />
      <NumberInput source="reviewCycleMonths" min={1} max={60} validate={required()} />
      <BooleanInput source="requiresAcknowledgement" />
      <ReferenceArrayInput source="audienceUnitIds" reference="org-units">
        <AutocompleteArrayInput optionText="name" />
      </ReferenceArrayInput>
      <SelectArrayInput source="audienceRoles" choices={choicesOf('role', ROLE_CHOICES)} />
      <ArrayInput source="approvalRule">
        <SimpleFormIterator inline>
          <SelectInput source="role" choices={choicesOf('role', ['admin', 'auditor'])} validate={required()} />
          <NumberInput source="count" min={1} max={5} validate={required()} />
          <BooleanInput source="ownerDepartment" />
        </SimpleFormIterator>
      </ArrayInput>
    </>
  );
}

export function PolicyDocumentCreate() {
  return (
    <Create redirect="show">
      <SimpleForm
        defaultValues={{
          kind: 'policy',
          reviewCycleMonths: 12,
          requiresAcknowledgement: true,
          audienceUnitIds: [],
          audienceRoles: [],
          approvalRule: [
            { role: 'admin', count: 1, ownerDepartment: true },
            { role: 'auditor', count: 1 },
          ],
        }}
      >
        <DocumentInputs creating />
      </SimpleForm>
    </Create>
  );
}

export function PolicyDocumentEdit() {
  return (
    <RecordEdit redirect="show" mutationMode="pessimistic">
      <SimpleForm>
        <DocumentInputs creating={false} />
      </SimpleForm>
    </RecordEdit>
  );
}
