import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, Length, Matches } from 'class-validator';

export * from './types.js';
import { ORG_UNIT_TYPES, type OrgUnitType } from './types.js';

export interface OrgUnitView {
  id: string;
  code: string;
  name: string;
  type: OrgUnitType;
  parentId: string | null;
  path: string;
  depth: number;
  createdAt: string;
  updatedAt: string;
}

export class CreateOrgUnitDto {
  @ApiProperty({ example: 'BR-SN-01', description: 'Unique unit code' })
  @IsString()
  @Length(2, 32)
  @Matches(/^[A-Za-z0-9_-]+$/, { message: 'code may contain only letters, digits, "-" and "_"' })
  code: string;

  @ApiProperty({ example: '安居支行' })
  @IsString()
  @Length(1, 100)
  name: string;

  @ApiProperty({ enum: ORG_UNIT_TYPES, enumName: 'OrgUnitType' })
  @IsIn(ORG_UNIT_TYPES)
  type: OrgUnitType;

  @ApiPropertyOptional({ format: 'uuid', nullable: true, description: 'Parent unit; omitted only for the head office' })
  @IsOptional()
  @IsUUID()
  parentId?: string | null;
}

export class UpdateOrgUnitDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(2, 32)
  @Matches(/^[A-Za-z0-9_-]+$/, { message: 'code may contain only letters, digits, "-" and "_"' })
  code?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 100)
  name?: string;

  @ApiPropertyOptional({ enum: ORG_UNIT_TYPES, enumName: 'OrgUnitType' })
  @IsOptional()
  @IsIn(ORG_UNIT_TYPES)
  type?: OrgUnitType;

  @ApiPropertyOptional({ format: 'uuid', nullable: true })
  @IsOptional()
  @IsUUID()
  parentId?: string | null;
}
