import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  MaxLength,
  MinLength,
} from 'class-validator';
import { ROLES, type Role } from '../common/roles.js';
import { OneOrMany, oneOrManySchema, type ListSpec } from '../common/list-query.js';

export const PASSWORD_RULE = /^(?=.*[A-Za-z])(?=.*\d).{8,128}$/;
export const PASSWORD_RULE_MESSAGE = 'password must be 8-128 characters with at least one letter and one digit';

/** Failed logins before the account locks, and for how long. */
export const LOGIN_MAX_FAILURES = 5;
export const LOGIN_LOCK_MINUTES = 15;
/** Failed logins from one client address, over all accounts, before that address must wait out the window (429). */
export const LOGIN_IP_MAX_FAILURES = 20;
export const LOGIN_IP_WINDOW_MINUTES = 15;

export class LoginDto {
  @ApiProperty({ example: 'admin' })
  @IsString()
  @Length(1, 64)
  username: string;

  @ApiProperty({ example: 'Demo@2026' })
  @IsString()
  @Length(1, 128)
  password: string;
}

export interface UserView {
  id: string;
  username: string;
  displayName: string;
  orgUnitId: string;
  orgPath: string;
  roles: Role[];
  active: boolean;
  lockedUntil: string | null;
  createdAt: string;
  updatedAt: string;
}

/**
 * A person as the console names them wherever they appear (handler, 首问责任人, timeline,
 * audit log): display name and unit, never only the login id. Any signed-in user may read
 * these for any user id (colleagues' names are not confidential; their records are).
 */
export interface PersonView {
  id: string;
  username: string;
  displayName: string;
  orgUnitName: string;
}

/** Most ids `GET /api/people` answers in one call. */
export const PEOPLE_MAX_IDS = 100;

export interface LoginResponse {
  accessToken: string;
  user: UserView;
}

export class CreateUserDto {
  @ApiProperty({ example: 'zhang.wei' })
  @IsString()
  @Length(3, 64)
  @Matches(/^[a-z0-9._-]+$/, { message: 'username may contain only lower-case letters, digits, ".", "_" and "-"' })
  username: string;

  @ApiProperty({ example: '张伟' })
  @IsString()
  @Length(1, 100)
  displayName: string;

  @ApiProperty({ writeOnly: true, description: PASSWORD_RULE_MESSAGE })
  @IsString()
  @Matches(PASSWORD_RULE, { message: PASSWORD_RULE_MESSAGE })
  password: string;

  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  orgUnitId: string;

  @ApiProperty({ enum: ROLES, enumName: 'Role', isArray: true })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsIn(ROLES, { each: true })
  roles: Role[];

  @ApiPropertyOptional({ default: true })
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}

export class UpdateUserDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 100)
  displayName?: string;

  @ApiPropertyOptional({ writeOnly: true, description: PASSWORD_RULE_MESSAGE })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(128)
  @Matches(PASSWORD_RULE, { message: PASSWORD_RULE_MESSAGE })
  password?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  orgUnitId?: string;

  @ApiPropertyOptional({ enum: ROLES, enumName: 'Role', isArray: true })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsIn(ROLES, { each: true })
  roles?: Role[];

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}

/** Filters of `GET /api/users`. */
export class UserListFilterDto {
  @ApiPropertyOptional({ description: 'Free text on username and display name', maxLength: 100 })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({ enum: ROLES, enumName: 'Role', description: 'Users holding this role' })
  @IsOptional()
  @IsIn(ROLES)
  role?: Role;

  @ApiPropertyOptional({ format: 'uuid', description: 'Users of exactly this unit' })
  @IsOptional()
  @IsUUID()
  orgUnitId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Users of this unit and every unit below it' })
  @IsOptional()
  @IsUUID()
  within?: string;

  @ApiPropertyOptional({ oneOf: [{ type: 'boolean' }, { type: 'string', enum: ['true', 'false'] }] })
  @IsOptional()
  @IsIn([true, false, 'true', 'false'], { message: 'active must be true or false' })
  active?: boolean | 'true' | 'false';

  @ApiPropertyOptional({ ...oneOrManySchema({ type: 'string', format: 'uuid' }), description: 'react-admin getMany' })
  @IsOptional()
  @OneOrMany()
  @IsUUID('all', { each: true })
  id?: string | string[];
}

export const USER_SORT_FIELDS = ['id', 'username', 'displayName', 'createdAt', 'active'] as const;
export type UserSortField = (typeof USER_SORT_FIELDS)[number];
export const USER_LIST: ListSpec<UserListFilterDto, UserSortField> = { filter: UserListFilterDto, sort: USER_SORT_FIELDS, defaultSort: ['username', 'ASC'] };
