import { Chip } from '@mui/material';
import { SelectInput, useRecordContext, useTranslate, type SelectInputProps } from 'react-admin';
import { ORG_UNIT_TYPES, type OrgUnitView } from '../../../types';

const typeChoices = ORG_UNIT_TYPES.map((type) => ({ id: type, name: `xb.org_types.${type}` }));

export function OrgUnitTypeInput(props: Omit<SelectInputProps, 'choices' | 'source'> & { source?: string }) {
  return <SelectInput source="type" choices={typeChoices} {...props} />;
}

export function OrgUnitTypeField(_props: { label?: string; source?: string }) {
  const record = useRecordContext<OrgUnitView>();
  const translate = useTranslate();
  if (!record) return null;
  return <Chip size="small" variant="outlined" label={translate(`xb.org_types.${record.type}`)} />;
}
