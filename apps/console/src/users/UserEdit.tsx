import { Edit, SimpleForm } from 'react-admin';
import { toUserPayload, UserInputs } from './UserInputs';

export function UserEdit() {
  return (
    <Edit transform={(data) => toUserPayload(data, 'edit')} mutationMode="pessimistic" redirect="list">
      <SimpleForm>
        <UserInputs mode="edit" />
      </SimpleForm>
    </Edit>
  );
}
