import { useRecordPageErrors } from '../../../common/RecordGone';
import { Edit, SaveButton, SimpleForm, Toolbar } from 'react-admin';
import { toUserPayload, UserInputs } from './UserInputs';

/** Save only: a user who leaves is deactivated, never deleted, because the audit log names users. */
const EditToolbar = () => (
  <Toolbar>
    <SaveButton />
  </Toolbar>
);

export function UserEdit() {
  const errors = useRecordPageErrors();
  return (
    <Edit transform={(data) => toUserPayload(data, 'edit')} mutationMode="pessimistic" redirect="list" {...errors}>
      <SimpleForm toolbar={<EditToolbar />}>
        <UserInputs mode="edit" />
      </SimpleForm>
    </Edit>
  );
}
