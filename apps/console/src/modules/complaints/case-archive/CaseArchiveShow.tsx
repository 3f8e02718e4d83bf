import { useRecordPageErrors } from '../../../common/RecordGone';
import { Box, Typography } from '@mui/material';
import type { ReactNode } from 'react';
import { Item as SectionItem, Section } from '../../../common/ShowSections';
import {
  Button,
  Labeled,
  Link,
  ListButton,
  NumberField,
  Show,
  TextField,
  TopToolbar,
  useCanAccess,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import { DateTimeField } from '../../../common/DateTimeField';
import { ClassificationItems, CodeField } from '../complaints/complaint-codes';
import type { CaseArchiveEntryView } from '../../../types';
import { TagsField } from './CaseArchiveList';
import { PersonName } from '../../../common/PersonName';

/** Those who may read complaints can open the original; everyone else reads the case only. */
function OpenComplaintButton() {
  const record = useRecordContext<CaseArchiveEntryView>();
  const { canAccess } = useCanAccess({ resource: 'complaints', action: 'show' });
  if (!record || !canAccess) return null;
  return <Button component={Link} to={`/complaints/${encodeURIComponent(record.id)}/show`} label="xb.case_archive.open_complaint" />;
}

const Actions = () => (
  <TopToolbar>
    <OpenComplaintButton />
    <ListButton />
  </TopToolbar>
);

const Title = () => {
  const record = useRecordContext<CaseArchiveEntryView>();
  const translate = useTranslate();
  return <span>{`${translate('xb.complaints.typical')} ${record?.reference ?? ''}`}</span>;
};

const Item = (props: { children: ReactNode; wide?: boolean }) => <SectionItem {...props} perRow={4} />;

function MarkedByField(_props: { label?: string }) {
  const record = useRecordContext<CaseArchiveEntryView>();
  return (
    <Typography variant="body2" component="span">
      <PersonName id={record?.markedBy?.id} fallback={record?.markedBy?.username} />
    </Typography>
  );
}

/** One typical case: the facts, the decision, root cause, lessons and tags. */
export function CaseArchiveShow() {
  const errors = useRecordPageErrors();
  return (
    <Show actions={<Actions />} title={<Title />} {...errors}>
      <Box sx={{ p: 2 }}>
        <Section title="xb.case_archive.section_case">
          <Item>
            <Labeled><TextField source="reference" /></Labeled>
          </Item>
          <ClassificationItems perRow={4} />
          <Item>
            <Labeled><TextField source="orgUnitName" /></Labeled>
          </Item>
          <Item>
            <Labeled><DateTimeField source="receivedAt" /></Labeled>
          </Item>
          <Item>
            <Labeled><DateTimeField source="resolvedAt" emptyText="—" /></Labeled>
          </Item>
          <Item wide>
            <Labeled><TextField source="description" sx={{ whiteSpace: 'pre-wrap' }} /></Labeled>
          </Item>
          <Item>
            <Labeled source="outcome"><CodeField list="outcomes" source="outcome" /></Labeled>
          </Item>
          <Item>
            <Labeled><NumberField source="compensationAmount" options={{ minimumFractionDigits: 2 }} emptyText="—" /></Labeled>
          </Item>
          <Item wide>
            <Labeled><TextField source="resolution" emptyText="—" sx={{ whiteSpace: 'pre-wrap' }} /></Labeled>
          </Item>
        </Section>
        <Section title="xb.case_archive.section_lessons">
          <Item wide>
            <Labeled><TextField source="rootCause" sx={{ whiteSpace: 'pre-wrap' }} /></Labeled>
          </Item>
          <Item wide>
            <Labeled><TextField source="lessons" sx={{ whiteSpace: 'pre-wrap' }} /></Labeled>
          </Item>
          <Item wide>
            <Labeled source="tags"><TagsField /></Labeled>
          </Item>
          <Item>
            <Labeled source="markedBy"><MarkedByField /></Labeled>
          </Item>
          <Item>
            <Labeled><DateTimeField source="markedAt" /></Labeled>
          </Item>
        </Section>
      </Box>
    </Show>
  );
}
