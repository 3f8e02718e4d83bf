import { CreateComplaintDto, RevealPiiDto, type CreateComplaintCommand } from '@xb/contracts';
import { IsUUID } from 'class-validator';

/**
 * The create command as the service validates it (the gateway is not the only guard). The
 * unit's path and name come from the service's directory replica, never from the message.
 */
export class CreateComplaintInput extends CreateComplaintDto implements CreateComplaintCommand {}

/** `{ id }` of get and timeline. */
export class ComplaintIdInput {
  @IsUUID()
  id: string;
}

/** `{ id, reason }` of reveal-pii: the reason (查询事由) is required here too, not only at the gateway. */
export class RevealPiiInput extends RevealPiiDto {
  @IsUUID()
  id: string;
}
