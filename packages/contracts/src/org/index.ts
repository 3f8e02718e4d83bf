import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, Length, Matches, MaxLength } from 'class-validator';
import { OneOrMany, oneOrManySchema, type ListSpec } from '../common/list-query.js';

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

/** Filters of `GET /api/org-units`. */
export class OrgUnitListFilterDto {
  @ApiPropertyOptional({ description: 'Free text on name and code', maxLength: 100 })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({ ...oneOrManySchema({ type: 'string', enum: ORG_UNIT_TYPES }), description: 'Unit type(s)' })
  @IsOptional()
  @OneOrMany()
  @IsIn(ORG_UNIT_TYPES, { each: true })
  type?: OrgUnitType | OrgUnitType[];

  @ApiPropertyOptional({ format: 'uuid', description: 'Direct children of this unit' })
  @IsOptional()
  @IsUUID()
  parentId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'This unit and everything below it' })
  @IsOptional()
  @IsUUID()
  within?: string;

  @ApiPropertyOptional({ ...oneOrManySchema({ type: 'string', format: 'uuid' }), description: 'react-admin getMany' })
  @IsOptional()
  @OneOrMany()
  @IsUUID('all', { each: true })
  id?: string | string[];
}

export const ORG_UNIT_SORT_FIELDS = ['id', 'path', 'code', 'name', 'type', 'depth', 'createdAt'] as const;
export type OrgUnitSortField = (typeof ORG_UNIT_SORT_FIELDS)[number];
export const ORG_UNIT_LIST: ListSpec<OrgUnitListFilterDto, OrgUnitSortField> = {
  filter: OrgUnitListFilterDto,
  sort: ORG_UNIT_SORT_FIELDS,
  defaultSort: ['path', 'ASC'],
};
