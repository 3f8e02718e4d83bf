import {
  BooleanInput,
  maxLength,
  minLength,
  PasswordInput,
  regex,
  required,
  TextInput,
} from 'react-admin';
import { OrgUnitInput } from '../../../common/org-unit-option';
import { RolesInput } from './RolesField';

/** Mirrors the rules of CreateUserDto in @xb/contracts; the server checks again. */
const USERNAME_RULE = /^[a-z0-9._-]+$/;
const PASSWORD_RULE = /^(?=.*[A-Za-z])(?=.*\d).{8,128}$/;

const atLeastOneRole = (value: unknown) => (Array.isArray(value) && value.length > 0 ? undefined : 'ra.validation.required');
atLeastOneRole.isRequired = true;

/** Shared by Create and Edit. The username is fixed once created; the password is required only on create. */
export function UserInputs({ mode }: { mode: 'create' | 'edit' }) {
  const creating = mode === 'create';
  return (
    <>
      <TextInput
        source="username"
        readOnly={!creating}
        validate={creating ? [required(), minLength(3), maxLength(64), regex(USERNAME_RULE, 'xb.validation.username')] : undefined}
      />
      <TextInput source="displayName" validate={[required(), maxLength(100)]} />
      <PasswordInput
        source="password"
        autoComplete="new-password"
        validate={creating ? [required(), regex(PASSWORD_RULE, 'xb.validation.password')] : regex(PASSWORD_RULE, 'xb.validation.password')}
        helperText={creating ? 'xb.users.password_create_helper' : 'xb.users.password_edit_helper'}
      />
      <OrgUnitInput source="orgUnitId" validate={required()} fullWidth />
      <RolesInput validate={atLeastOneRole} />
      <BooleanInput source="active" />
    </>
  );
}

/** What a write may carry: never the record's read-only fields, and no empty password. */
export function toUserPayload(data: Record<string, unknown>, mode: 'create' | 'edit') {
  const { username, displayName, password, orgUnitId, roles, active } = data;
  const payload: Record<string, unknown> = { displayName, orgUnitId, roles, active: active ?? true };
  if (mode === 'create') payload.username = username;
  if (typeof password === 'string' && password !== '') payload.password = password;
  return payload;
}
