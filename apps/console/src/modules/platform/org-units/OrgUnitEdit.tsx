import { useRecordPageErrors } from '../../../common/RecordGone';
import { Edit, SimpleForm } from 'react-admin';
import { OrgUnitInputs, toOrgUnitPayload } from './OrgUnitInputs';

/** Pessimistic: a move or a duplicate code is refused by the server (409), so show the result, not a guess. */
export function OrgUnitEdit() {
  const errors = useRecordPageErrors();
  return (
    <Edit transform={toOrgUnitPayload} mutationMode="pessimistic" redirect="list" {...errors}>
      <SimpleForm>
        <OrgUnitInputs />
      </SimpleForm>
    </Edit>
  );
}
