import { DateTimeField } from '../../../common/DateTimeField';
import {
  BooleanField,
  DataTable,
  
  List,
  NullableBooleanInput,
  ReferenceField,
  SearchInput,
  SelectInput,
} from 'react-admin';
import { OrgUnitInput } from '../../../common/org-unit-option';
import type { UserView } from '../../../types';
import { roleChoices, RolesField } from './RolesField';

const filters = [
  <SearchInput key="q" source="q" alwaysOn />,
  <SelectInput key="role" source="role" choices={roleChoices} />,
  <OrgUnitInput key="orgUnitId" source="orgUnitId" />,
  <NullableBooleanInput key="active" source="active" />,
];

const Column = DataTable.Col<UserView>;

export function UserList() {
  return (
    <List filters={filters} sort={{ field: 'username', order: 'ASC' }} perPage={25}>
      <DataTable rowClick="show" bulkActionButtons={false}>
        <Column source="username" />
        <Column source="displayName" />
        <Column source="orgUnitId" disableSort>
          <ReferenceField source="orgUnitId" reference="org-units" link={false} />
        </Column>
        <Column source="roles" disableSort>
          <RolesField />
        </Column>
        <Column source="active" disableSort>
          <BooleanField source="active" />
        </Column>
        <Column source="lockedUntil" disableSort>
          <DateTimeField source="lockedUntil" emptyText="—" />
        </Column>
      </DataTable>
    </List>
  );
}
