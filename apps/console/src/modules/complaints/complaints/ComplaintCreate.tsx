import { Create, SimpleForm } from 'react-admin';
import { session } from '../../../providers/session';
import { isTransferredChannel } from '../../../types';
import { ComplaintInputs } from './ComplaintInputs';

/**
 * Sends only what the user filled in: empty inputs become absent (the API treats an
 * explicit null `externalRef` as a value), and an external reference typed before the
 * channel was switched to a non-transferred one is dropped.
 */
function toCreatePayload(data: Record<string, unknown>): Record<string, unknown> {
  const payload = Object.fromEntries(Object.entries(data).filter(([, v]) => v !== null && v !== undefined && v !== ''));
  if (!isTransferredChannel(payload.channel)) delete payload.externalRef;
  return payload;
}

export function ComplaintCreate() {
  const orgUnitId = session.getUser()?.orgUnitId;
  return (
    <Create transform={toCreatePayload} redirect="show">
      <SimpleForm defaultValues={{ orgUnitId, severity: 'general' }} sx={{ maxWidth: 960 }}>
        <ComplaintInputs />
      </SimpleForm>
    </Create>
  );
}
