/**
 * Workflow commands as the service validates them: the contracts DTO plus the complaint
 * id (and, for assign, what the gateway resolved). Checked again here whatever the gateway did.
 */
import {
  AssignComplaintDto,
  CloseComplaintDto,
  ExtendComplaintDto,
  MarkTypicalDto,
  PauseComplaintDto,
  RejectComplaintDto,
  ReopenComplaintDto,
  ReplyComplaintDto,
  ResolveComplaintDto,
  ResumeComplaintDto,
  StartComplaintDto,
  WithdrawComplaintDto,
  type AssignComplaintCommand,
} from '@xb/contracts';
import { IsUUID } from 'class-validator';

export class AssignInput extends AssignComplaintDto implements AssignComplaintCommand {
  @IsUUID()
  id: string;

  // Not part of the message (no validation decorator: the whitelist strips them from it);
  // filled in from the directory replica before the action applies.
  orgUnitPath: string;
  orgUnitName: string;
  handlerUsername: string;
}

export class StartInput extends StartComplaintDto {
  @IsUUID()
  id: string;
}

export class ResolveInput extends ResolveComplaintDto {
  @IsUUID()
  id: string;
}

export class ReplyInput extends ReplyComplaintDto {
  @IsUUID()
  id: string;
}

export class CloseInput extends CloseComplaintDto {
  @IsUUID()
  id: string;
}

export class RejectInput extends RejectComplaintDto {
  @IsUUID()
  id: string;
}

export class WithdrawInput extends WithdrawComplaintDto {
  @IsUUID()
  id: string;
}

export class ReopenInput extends ReopenComplaintDto {
  @IsUUID()
  id: string;
}

export class ExtendInput extends ExtendComplaintDto {
  @IsUUID()
  id: string;
}

export class PauseInput extends PauseComplaintDto {
  @IsUUID()
  id: string;
}

export class ResumeInput extends ResumeComplaintDto {
  @IsUUID()
  id: string;
}

export class MarkTypicalInput extends MarkTypicalDto {
  @IsUUID()
  id: string;
}
