import { Chip, Stack } from '@mui/material';
import { DataTable, List, SearchInput, TextInput, useRecordContext } from 'react-admin';
import { DateTimeField } from '../../../common/DateTimeField';
import { CodeField, CodeSelectInput } from '../complaints/complaint-codes';
import type { CaseArchiveEntryView } from '../../../types';

const filters = [
  <SearchInput key="q" source="q" alwaysOn />,
  <TextInput key="tags" source="tags" label="xb.case_archive.filter_tag" />,
  <CodeSelectInput key="businessCategory" list="businessCategories" source="businessCategory" />,
  <CodeSelectInput key="cause" list="causes" source="cause" />,
];

export function TagsField(_props: { label?: string }) {
  const record = useRecordContext<CaseArchiveEntryView>();
  if (!record?.tags?.length) return null;
  return (
    <Stack direction="row" spacing={0.5} useFlexGap sx={{ flexWrap: 'wrap' }}>
      {record.tags.map((tag) => (
        <Chip key={tag} size="small" label={tag} />
      ))}
    </Stack>
  );
}

function Excerpt({ source }: { source: 'rootCause' | 'lessons'; label?: string }) {
  const record = useRecordContext<CaseArchiveEntryView>();
  const text = record?.[source] ?? '';
  return <span title={text}>{text.length > 60 ? `${text.slice(0, 60)}…` : text}</span>;
}

const Column = DataTable.Col<CaseArchiveEntryView>;

/**
 * 案例库 (`GET /api/case-archive`): typical complaints with root cause, lessons and tags,
 * for every member of staff. The API sends no customer field at all, so there is nothing
 * to mask; no export — the archive is read here.
 */
export function CaseArchiveList() {
  return (
    <List filters={filters} sort={{ field: 'markedAt', order: 'DESC' }} perPage={25} exporter={false}>
      <DataTable rowClick="show" bulkActionButtons={false}>
        <Column source="reference" sx={{ whiteSpace: 'nowrap' }} />
        <Column source="businessCategory">
          <CodeField list="businessCategories" source="businessCategory" />
        </Column>
        <Column source="cause">
          <CodeField list="causes" source="cause" />
        </Column>
        <Column source="tags" disableSort>
          <TagsField />
        </Column>
        <Column source="rootCause" disableSort>
          <Excerpt source="rootCause" />
        </Column>
        <Column source="orgUnitName" disableSort />
        <Column source="markedAt">
          <DateTimeField source="markedAt" />
        </Column>
      </DataTable>
    </List>
  );
}
