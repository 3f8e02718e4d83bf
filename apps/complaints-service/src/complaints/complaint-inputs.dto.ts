import { CreateComplaintDto, type CreateComplaintCommand } from '@xb/contracts';
import { IsUUID } from 'class-validator';

/**
 * The create command as the service validates it (the gateway is not the only guard). The
 * unit's path and name come from the service's directory replica, never from the message.
 */
export class CreateComplaintInput extends CreateComplaintDto implements CreateComplaintCommand {}

/** `{ id }` of get and reveal-pii. */
export class ComplaintIdInput {
  @IsUUID()
  id: string;
}
