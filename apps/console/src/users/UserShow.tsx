import { BooleanField, DateField, EditButton, ListButton, ReferenceField, Show, SimpleShowLayout, TextField, TopToolbar } from 'react-admin';
import { RolesField } from './RolesField';

const Actions = () => (
  <TopToolbar>
    <ListButton />
    <EditButton />
  </TopToolbar>
);

export function UserShow() {
  return (
    <Show actions={<Actions />}>
      <SimpleShowLayout>
        <TextField source="username" />
        <TextField source="displayName" />
        <ReferenceField source="orgUnitId" reference="org-units" />
        <RolesField source="roles" />
        <BooleanField source="active" />
        <DateField source="lockedUntil" showTime emptyText="—" />
        <DateField source="createdAt" showTime />
        <DateField source="updatedAt" showTime />
      </SimpleShowLayout>
    </Show>
  );
}
