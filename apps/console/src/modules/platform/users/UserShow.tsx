import { useRecordPageErrors } from '../../../common/RecordGone';
import { DateTimeField } from '../../../common/DateTimeField';
import { BooleanField, EditButton, ListButton, ReferenceField, Show, SimpleShowLayout, TextField, TopToolbar } from 'react-admin';
import { RolesField } from './RolesField';

const Actions = () => (
  <TopToolbar>
    <ListButton />
    <EditButton />
  </TopToolbar>
);

export function UserShow() {
  const errors = useRecordPageErrors();
  return (
    <Show actions={<Actions />} {...errors}>
      <SimpleShowLayout>
        <TextField source="username" />
        <TextField source="displayName" />
        <ReferenceField source="orgUnitId" reference="org-units" />
        <RolesField source="roles" />
        <BooleanField source="active" />
        <DateTimeField source="lockedUntil" emptyText="—" />
        <DateTimeField source="createdAt" />
        <DateTimeField source="updatedAt" />
      </SimpleShowLayout>
    </Show>
  );
}
