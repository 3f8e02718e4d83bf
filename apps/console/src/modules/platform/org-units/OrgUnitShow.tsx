import { useRecordPageErrors } from '../../../common/RecordGone';
import { DateTimeField } from '../../../common/DateTimeField';
import { EditButton, ListButton, ReferenceField, Show, SimpleShowLayout, TextField, TopToolbar, DeleteButton } from 'react-admin';
import { OrgUnitTypeField } from './OrgUnitTypeField';

const Actions = () => (
  <TopToolbar>
    <ListButton />
    <EditButton />
    <DeleteButton mutationMode="pessimistic" />
  </TopToolbar>
);

export function OrgUnitShow() {
  const errors = useRecordPageErrors();
  return (
    <Show actions={<Actions />} {...errors}>
      <SimpleShowLayout>
        <TextField source="code" />
        <TextField source="name" />
        <OrgUnitTypeField source="type" />
        <ReferenceField source="parentId" reference="org-units" emptyText="—" />
        <TextField source="depth" />
        <TextField source="path" />
        <DateTimeField source="createdAt" />
        <DateTimeField source="updatedAt" />
      </SimpleShowLayout>
    </Show>
  );
}
