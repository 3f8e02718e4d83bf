import { Grid, Typography } from '@mui/material';
import type { ReactNode } from 'react';
import {
  DateTimeInput,
  FormDataConsumer,
  maxLength,
  minLength,
  regex,
  required,
  TextInput,
  useTranslate,
} from 'react-admin';
import { OrgUnitInput } from '../../../common/org-unit-option';
import { isTransferredChannel } from '../../../types';
import { CodeSelectInput } from './complaint-codes';

/** Mirrors PHONE_RULE / ID_NUMBER_RULE in @xb/contracts; the server checks again (ID check digit too). */
const PHONE_RULE = /^(1\d{10}|0\d{2,3}-?\d{7,8}(-\d{1,6})?|\d{5,8})$/;
const ID_NUMBER_RULE = /^\d{17}[\dX]$/;

/** DateTimeInput gives local `YYYY-MM-DDTHH:mm`; the API wants an ISO instant. */
const toInstant = (value: string) => (value ? new Date(value).toISOString() : null);

function Section({ title, children }: { title: string; children: ReactNode }) {
  const translate = useTranslate();
  return (
    <>
      <Typography variant="subtitle1" sx={{ mt: 2, mb: 1, fontWeight: 600 }}>
        {translate(title)}
      </Typography>
      <Grid container columnSpacing={2} sx={{ width: '100%' }}>
        {children}
      </Grid>
    </>
  );
}

const Cell = ({ children, wide = false }: { children: ReactNode; wide?: boolean }) => (
  <Grid size={{ xs: 12, md: wide ? 12 : 6 }}>{children}</Grid>
);

/**
 * Intake form of a complaint (受理). Complaints have no edit form — later changes go
 * through workflow actions — so only Create uses these inputs.
 */
export function ComplaintInputs() {
  return (
    <>
      <Section title="xb.complaints.section_classification">
        <Cell>
          <CodeSelectInput list="channels" source="channel" validate={required()} fullWidth />
        </Cell>
        <Cell>
          <FormDataConsumer<{ channel?: string }>>
            {({ formData }) =>
              isTransferredChannel(formData.channel) ? (
                <TextInput
                  source="externalRef"
                  validate={[required(), maxLength(64)]}
                  helperText="xb.complaints.external_ref_helper"
                  fullWidth
                />
              ) : null
            }
          </FormDataConsumer>
        </Cell>
        <Cell>
          <CodeSelectInput list="businessCategories" source="businessCategory" validate={required()} fullWidth />
        </Cell>
        <Cell>
          <CodeSelectInput list="causes" source="cause" validate={required()} fullWidth />
        </Cell>
        <Cell>
          <CodeSelectInput list="severities" source="severity" defaultValue="general" validate={required()} fullWidth />
        </Cell>
        <Cell>
          <OrgUnitInput source="orgUnitId" validate={required()} fullWidth />
        </Cell>
        <Cell>
          <DateTimeInput source="receivedAt" parse={toInstant} helperText="xb.complaints.received_at_helper" fullWidth />
        </Cell>
      </Section>
      <Section title="xb.complaints.section_customer">
        <Cell>
          <TextInput source="customerName" validate={[required(), maxLength(50)]} fullWidth />
        </Cell>
        <Cell>
          <TextInput source="customerPhone" validate={[required(), regex(PHONE_RULE, 'xb.validation.phone')]} fullWidth />
        </Cell>
        <Cell>
          <TextInput source="customerIdNumber" validate={regex(ID_NUMBER_RULE, 'xb.validation.id_number')} fullWidth />
        </Cell>
      </Section>
      <Section title="xb.complaints.section_content">
        <Cell wide>
          <TextInput source="description" multiline minRows={4} validate={[required(), minLength(5), maxLength(5000)]} fullWidth />
        </Cell>
        <Cell wide>
          <TextInput source="demand" multiline minRows={2} validate={maxLength(2000)} fullWidth />
        </Cell>
      </Section>
    </>
  );
}
