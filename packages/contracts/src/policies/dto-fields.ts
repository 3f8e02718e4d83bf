/**
 * Decorator helpers for the policies DTOs: one line per field instead of a stack of four to
 * six decorators, so a rule shared by a create and an update DTO is written once. Each
 * helper applies exactly the class-validator, class-transformer and OpenAPI decorators the
 * stacked form did, in the same order, so validation, error messages and the generated
 * schema are unchanged.
 */
import { ApiProperty, ApiPropertyOptional, type ApiPropertyOptions } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { OneOrMany, oneOrManySchema } from '../common/list-query.js';

/**
 * Decorators as if written one above the other over a property in this order (TypeScript
 * applies such a stack bottom-up, and so does this).
 */
export function stacked(...decorators: PropertyDecorator[]): PropertyDecorator {
  return (target, key) => {
    for (let k = decorators.length - 1; k >= 0; k--) decorators[k](target, key);
  };
}

/** A required field: its OpenAPI description and its validators. */
export const Required = (openApi: ApiPropertyOptions | undefined, ...validators: PropertyDecorator[]) => stacked(ApiProperty(openApi), ...validators);

/** An optional field (absent or null skips the validators). */
export const Optional = (openApi: ApiPropertyOptions | undefined, ...validators: PropertyDecorator[]) => stacked(ApiPropertyOptional(openApi), IsOptional(), ...validators);

/** A string of `min`–`max` characters. */
export const Text = (min: number, max: number) => stacked(IsString(), Length(min, max));

/** A string of at most `max` characters. */
export const ShortText = (max: number) => stacked(IsString(), MaxLength(max));

/** An integer ≥ `min` (and ≤ `max` when given). */
export const Int = (min: number, max?: number) => stacked(IsInt(), Min(min), ...(max === undefined ? [] : [Max(max)]));

/** A SHA-256 in lower-case hex; the message names the field. */
export const Sha256 = (field: string) => Matches(/^[0-9a-f]{64}$/, { message: `${field} must be 64 lower-case hex digits` });

/** A list of at most `max` UUIDs. */
export const UuidList = (max: number) => stacked(IsArray(), ArrayMaxSize(max), IsUUID('all', { each: true }));

/** A list of values out of `values`. */
export const ListOf = (values: readonly string[]) => stacked(IsArray(), IsIn(values, { each: true }));

/** A list of nested objects of `type` (at most `max` when given), each validated. */
export const NestedList = (type: () => new () => object, max?: number) =>
  stacked(IsArray(), ...(max === undefined ? [] : [ArrayMaxSize(max)]), ValidateNested({ each: true }), Type(type));

/** One nested object of `type`, validated. */
export const Nested = (type: () => new () => object) => stacked(ValidateNested(), Type(type));

/** A list filter: one value or several out of `values` (`?status=a&status=b` or a JSON array). */
export const OneOrManyOf = (values: readonly string[], openApi: ApiPropertyOptions = {}) =>
  Optional({ ...oneOrManySchema({ type: 'string', enum: values }), ...openApi } as ApiPropertyOptions, OneOrMany(), IsIn(values, { each: true }));

/** The `id` filter every list has (react-admin's getMany): one UUID or several. */
export const IdsFilter = () => Optional({ ...oneOrManySchema({ type: 'string', format: 'uuid' }) } as ApiPropertyOptions, OneOrMany(), IsUUID('all', { each: true }));
