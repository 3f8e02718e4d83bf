import { CreateComplaintDto, type CreateComplaintCommand } from '@xb/contracts';
import { IsString, IsUUID, Length, Matches } from 'class-validator';

/**
 * The create command as the service validates it: the console's DTO plus the org unit
 * the gateway resolved. The service checks it again rather than trusting the caller.
 */
export class CreateComplaintInput extends CreateComplaintDto implements CreateComplaintCommand {
  @IsString()
  @Matches(/^\/([^/]+\/)+$/, { message: 'orgPath must be a materialised org path like /<id>/<id>/' })
  orgPath: string;

  @IsString()
  @Length(1, 200)
  orgUnitName: string;
}

/** `{ id }` of get and reveal-pii. */
export class ComplaintIdInput {
  @IsUUID()
  id: string;
}
