import { Box } from '@mui/material';
import { BulkDeleteButton, DataTable, List, ReferenceField, SearchInput, TextField, useCanAccess, useRecordContext } from 'react-admin';
import { OrgUnitInput } from '../../../common/org-unit-option';
import type { OrgUnitView } from '../../../types';
import { OrgUnitTypeField, OrgUnitTypeInput } from './OrgUnitTypeField';

const filters = [
  <SearchInput key="q" source="q" alwaysOn />,
  <OrgUnitTypeInput key="type" source="type" />,
  <OrgUnitInput key="parentId" source="parentId" />,
];

/** The name indented by depth, so a list sorted by path reads as the tree. */
function TreeName(_props: { label?: string }) {
  const record = useRecordContext<OrgUnitView>();
  if (!record) return null;
  const depth = Math.max(0, record.depth ?? 0);
  return (
    <Box component="span" sx={{ pl: depth * 3, display: 'inline-flex', alignItems: 'center' }}>
      {depth > 0 ? (
        <Box component="span" sx={{ color: 'text.disabled', mr: 1 }} aria-hidden>
          └
        </Box>
      ) : null}
      {record.name}
    </Box>
  );
}

const Column = DataTable.Col<OrgUnitView>;

export function OrgUnitList() {
  const { canAccess: canDelete } = useCanAccess({ resource: 'org-units', action: 'delete' });
  return (
    <List filters={filters} sort={{ field: 'path', order: 'ASC' }} perPage={100}>
      {/* Pessimistic: a unit with children or users is refused (409) and the message shown. */}
      <DataTable rowClick="show" bulkActionButtons={canDelete ? <BulkDeleteButton mutationMode="pessimistic" /> : false}>
        <Column source="path" label="resources.org-units.fields.name">
          <TreeName />
        </Column>
        <Column source="code" />
        <Column source="type" disableSort>
          <OrgUnitTypeField />
        </Column>
        <Column source="parentId" disableSort>
          <ReferenceField source="parentId" reference="org-units" link={false} emptyText="—">
            <TextField source="name" />
          </ReferenceField>
        </Column>
        <Column source="depth" disableSort />
      </DataTable>
    </List>
  );
}
