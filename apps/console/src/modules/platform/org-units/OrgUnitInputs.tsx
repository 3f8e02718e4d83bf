import { maxLength, minLength, regex, required, TextInput, useRecordContext } from 'react-admin';
import { OrgUnitInput } from '../../../common/org-unit-option';
import type { OrgUnitView } from '../../../types';
import { OrgUnitTypeInput } from './OrgUnitTypeField';

const CODE_RULE = /^[A-Za-z0-9_-]+$/;

/** Shared by Create and Edit. */
export function OrgUnitInputs() {
  const record = useRecordContext<OrgUnitView>();
  return (
    <>
      <TextInput source="code" validate={[required(), minLength(2), maxLength(32), regex(CODE_RULE, 'xb.validation.code')]} />
      <TextInput source="name" validate={[required(), maxLength(100)]} fullWidth />
      <OrgUnitTypeInput validate={required()} />
      <OrgUnitInput
        source="parentId"
        helperText="xb.org_units.parent_helper"
        fullWidth
        // A unit cannot move under itself or its own descendants (the server refuses too).
        getOptionDisabled={record?.path ? (unit) => String((unit as OrgUnitView).path).startsWith(record.path) : undefined}
      />
    </>
  );
}

/** Only the writable fields go to PUT — the record also carries path, depth and timestamps. */
export function toOrgUnitPayload(data: Record<string, unknown>) {
  const { code, name, type, parentId } = data;
  return { code, name, type, parentId: parentId || null };
}
