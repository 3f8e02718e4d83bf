import { Chip, Stack } from '@mui/material';
import { CheckboxGroupInput, useRecordContext, useTranslate, type CheckboxGroupInputProps } from 'react-admin';
import { ROLES, type Role, type UserView } from '../../../types';

export const roleChoices = ROLES.map((role) => ({ id: role, name: `xb.roles.${role}` }));

export function RolesField(_props: { label?: string; source?: string }) {
  const record = useRecordContext<UserView>();
  const translate = useTranslate();
  if (!record?.roles) return null;
  return (
    <Stack direction="row" spacing={0.5} sx={{ flexWrap: 'wrap', rowGap: 0.5 }}>
      {record.roles.map((role: Role) => (
        <Chip key={role} size="small" variant="outlined" label={translate(`xb.roles.${role}`)} />
      ))}
    </Stack>
  );
}

export function RolesInput(props: Omit<CheckboxGroupInputProps, 'choices' | 'source'>) {
  return <CheckboxGroupInput source="roles" choices={roleChoices} {...props} />;
}
