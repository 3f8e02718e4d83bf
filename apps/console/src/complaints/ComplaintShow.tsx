import { DateTimeField } from '../common/DateTimeField';
import { Box, Divider, Grid, Typography } from '@mui/material';
import type { ReactNode } from 'react';
import {
  
  Labeled,
  ListButton,
  Show,
  TextField,
  TopToolbar,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import type { ComplaintView } from '../types';
import { CodeField, SeverityChip, StatusChip } from './complaint-codes';
import { RevealCustomerDetails } from './RevealCustomerDetails';
import { SlaBadge } from './SlaBadge';

const Actions = () => (
  <TopToolbar>
    <ListButton />
  </TopToolbar>
);

const Title = () => {
  const record = useRecordContext<ComplaintView>();
  const translate = useTranslate();
  return <span>{`${translate('resources.complaints.name', { smart_count: 1 })} ${record?.reference ?? ''}`}</span>;
};

function Section({ title, children }: { title: string; children: ReactNode }) {
  const translate = useTranslate();
  return (
    <Box sx={{ mb: 2 }}>
      <Typography variant="subtitle1" sx={{ fontWeight: 600, mb: 1 }}>
        {translate(title)}
      </Typography>
      <Grid container spacing={2}>
        {children}
      </Grid>
      <Divider sx={{ mt: 2 }} />
    </Box>
  );
}

const Item = ({ children, wide = false }: { children: ReactNode; wide?: boolean }) => (
  <Grid size={{ xs: 12, sm: wide ? 12 : 6, md: wide ? 12 : 3 }}>{children}</Grid>
);

function FirstResponderField(_props: { label?: string }) {
  const record = useRecordContext<ComplaintView>();
  return (
    <Typography component="span" variant="body2">
      {record?.firstResponder?.username ?? ''}
    </Typography>
  );
}

export function ComplaintShow() {
  return (
    <Show actions={<Actions />} title={<Title />}>
      <Box sx={{ p: 2 }}>
        <Section title="xb.complaints.section_handling">
          <Item>
            <Labeled><TextField source="reference" /></Labeled>
          </Item>
          <Item>
            <Labeled source="status"><StatusChip /></Labeled>
          </Item>
          <Item>
            <Labeled source="sla" label="resources.complaints.fields.sla"><SlaBadge /></Labeled>
          </Item>
          <Item>
            <Labeled><DateTimeField source="dueAt" /></Labeled>
          </Item>
          <Item>
            <Labeled><DateTimeField source="receivedAt" /></Labeled>
          </Item>
          <Item>
            <Labeled><TextField source="orgUnitName" /></Labeled>
          </Item>
          <Item>
            <Labeled source="firstResponder"><FirstResponderField /></Labeled>
          </Item>
          <Item>
            <Labeled><TextField source="externalRef" emptyText="—" /></Labeled>
          </Item>
        </Section>
        <Section title="xb.complaints.section_classification">
          <Item>
            <Labeled source="channel"><CodeField list="channels" source="channel" /></Labeled>
          </Item>
          <Item>
            <Labeled source="businessCategory"><CodeField list="businessCategories" source="businessCategory" /></Labeled>
          </Item>
          <Item>
            <Labeled source="cause"><CodeField list="causes" source="cause" /></Labeled>
          </Item>
          <Item>
            <Labeled source="severity"><SeverityChip /></Labeled>
          </Item>
        </Section>
        <Section title="xb.complaints.section_customer">
          <Item>
            <Labeled><TextField source="customerName" /></Labeled>
          </Item>
          <Item>
            <Labeled><TextField source="customerPhone" /></Labeled>
          </Item>
          <Item>
            <Labeled><TextField source="customerIdNumber" emptyText="—" /></Labeled>
          </Item>
          <Item wide>
            <RevealCustomerDetails />
          </Item>
        </Section>
        <Section title="xb.complaints.section_content">
          <Item wide>
            <Labeled><TextField source="description" sx={{ whiteSpace: 'pre-wrap' }} /></Labeled>
          </Item>
          <Item wide>
            <Labeled><TextField source="demand" emptyText="—" sx={{ whiteSpace: 'pre-wrap' }} /></Labeled>
          </Item>
        </Section>
      </Box>
    </Show>
  );
}
