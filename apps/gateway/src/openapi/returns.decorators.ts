import { applyDecorators } from '@nestjs/common';
import { ApiExtension, ApiExtraModels } from '@nestjs/swagger';
import type { ListSpec } from '@xb/contracts';

/**
 * What an operation answers with, stated next to the route and turned into the OpenAPI
 * response by `completeDocument`. A schema is named by the contracts type it is generated
 * from (`ComplaintView`), or given inline for a small ad-hoc shape. `completeDocument` refuses
 * a name the contracts do not export and an operation that states nothing.
 */
export const RETURNS_EXTENSION = 'x-returns';

/** An inline OpenAPI schema object for shapes too small to name in the contracts. */
export type InlineSchema = { type: string; [key: string]: unknown };
export type SchemaRef = string | InlineSchema;

export type Returns =
  | { kind: 'json'; schema: SchemaRef; array?: boolean }
  | { kind: 'list'; schema: SchemaRef; filter: string; sort: string[] }
  | { kind: 'file'; mediaTypes: string[] };

const returns = (value: Returns) => ApiExtension(RETURNS_EXTENSION, value);

/** A JSON body of a contracts type (or an array of them). */
export const ApiReturns = (schema: SchemaRef, options: { array?: boolean } = {}) => returns({ kind: 'json', schema, array: options.array });

/**
 * A page of a ra-data-simple-rest list: an array of `item`, the `Content-Range` and
 * `X-Total-Is-Lower-Bound` headers, and the `filter`/`range`/`sort` query parameters with
 * the filter DTO the list parser validates against as the filter's schema.
 */
export const ApiReturnsList = (item: SchemaRef, spec: ListSpec) =>
  applyDecorators(ApiExtraModels(spec.filter), returns({ kind: 'list', schema: item, filter: spec.filter.name, sort: ['id', ...spec.sort.filter((s) => s !== 'id')] }));

/** A download (xlsx, csv, pdf, an evidence file …). */
export const ApiReturnsFile = (...mediaTypes: string[]) => returns({ kind: 'file', mediaTypes });
