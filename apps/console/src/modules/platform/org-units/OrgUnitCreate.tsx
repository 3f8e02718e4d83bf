import { Create, SimpleForm } from 'react-admin';
import { OrgUnitInputs, toOrgUnitPayload } from './OrgUnitInputs';

export function OrgUnitCreate() {
  return (
    <Create transform={toOrgUnitPayload} redirect="list">
      <SimpleForm>
        <OrgUnitInputs />
      </SimpleForm>
    </Create>
  );
}
