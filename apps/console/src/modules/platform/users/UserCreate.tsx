import { Create, SimpleForm } from 'react-admin';
import { toUserPayload, UserInputs } from './UserInputs';

export function UserCreate() {
  return (
    <Create transform={(data) => toUserPayload(data, 'create')} redirect="list">
      <SimpleForm defaultValues={{ active: true, roles: ['staff'] }}>
        <UserInputs mode="create" />
      </SimpleForm>
    </Create>
  );
}
