import type { AttachedFileFacts, AttachFileCommand } from '@xb/contracts';
import { Type } from 'class-transformer';
import { IsDefined, IsInt, IsString, IsUUID, Length, Matches, Max, Min, ValidateNested } from 'class-validator';

/** The facts of the file as the gateway recorded them at upload; checked again here. */
export class AttachedFileInput implements AttachedFileFacts {
  @IsUUID()
  id: string;

  @IsString()
  @Length(1, 255)
  name: string;

  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  size: number;

  @Matches(/^[0-9a-f]{64}$/, { message: 'sha256 must be 64 lowercase hex digits' })
  sha256: string;

  @IsString()
  @Length(3, 200)
  mimeType: string;
}

/** `{ id: complaint id, file }` of attach-file. */
export class AttachFileInput implements AttachFileCommand {
  @IsUUID()
  id: string;

  @IsDefined()
  @ValidateNested()
  @Type(() => AttachedFileInput)
  file: AttachedFileInput;
}
