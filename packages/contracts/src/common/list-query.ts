/**
 * The one parser of react-admin's ra-data-simple-rest list protocol (`filter`, `range`,
 * `sort`). The gateway runs it on the HTTP query string, every service again on the RPC
 * payload (the gateway is not the only guard). It validates and builds no SQL: the filter
 * is checked against the resource's filter DTO (unknown field, wrong type, malformed id →
 * 400 naming the field), a page spans at most MAX_PAGE_SIZE rows, and `id` is a sort field
 * of every list.
 *
 * Not exported from `common/index.ts`: the console imports that subpath at run time and
 * needs none of class-validator.
 */
import type { ApiPropertyOptions } from '@nestjs/swagger';
import { plainToInstance } from 'class-transformer';
import { getMetadataStorage, ValidateBy, validateSync, type ValidationError, type ValidationOptions } from 'class-validator';
import { errorBody, type ErrorBody, type ErrorDetail } from './errors.js';
import { nestsDeeperThan } from './input-depth.js';
import { MAX_PAGE_SIZE, type ListQuery } from './list.js';

export type SortOrder = 'ASC' | 'DESC';

/** How one resource's list is queried: its filter DTO, its sort fields (besides `id`) and its default order. */
export interface ListSpec<F extends object = object, S extends string = string> {
  filter: new () => F;
  sort: readonly S[];
  defaultSort: readonly [S | 'id', SortOrder];
}

/** A parsed list query whose sort field is one of the spec's. */
export type ParsedListQuery<F, S extends string = string> = ListQuery<F> & { sort: [S | 'id', SortOrder] };

/** Rows of a page when the request names no range (react-admin always does). */
export const DEFAULT_PAGE_SIZE = 25;

/** A field name or value echoed in an error is cut to this many characters. */
const ECHO_LIMIT = 64;

/** An invalid list query; `body` is the platform's 400 error naming every offending part. */
export class ListQueryError extends Error {
  constructor(readonly details: ErrorDetail[]) {
    super('Invalid list query');
    this.name = 'ListQueryError';
  }
  get body(): ErrorBody {
    return errorBody(400, this.message, this.details);
  }
}

/** The raw parts of a list query: decoded values (RPC) or JSON strings (HTTP, see `parseListQueryString`). */
export interface ListQueryParts {
  filter?: unknown;
  range?: unknown;
  sort?: unknown;
}

/**
 * Parses the HTTP form, where `filter`, `range` and `sort` are each a JSON text (or absent).
 * Other query parameters are ignored, as a cache-buster must not break a list.
 */
export function parseListQueryString<F extends object, S extends string>(query: Record<string, unknown>, spec: ListSpec<F, S>): ParsedListQuery<F, S> {
  const details: ErrorDetail[] = [];
  const decoded: ListQueryParts = {};
  for (const part of ['filter', 'range', 'sort'] as const) {
    const raw = query[part];
    if (raw === undefined || raw === '') continue;
    if (typeof raw !== 'string') {
      details.push({ field: part, message: `${part} must be given once, as JSON`, constraint: 'isJson' });
      continue;
    }
    try {
      decoded[part] = JSON.parse(raw);
    } catch {
      details.push({ field: part, message: `${part} is not valid JSON`, constraint: 'isJson' });
    }
  }
  if (details.length) {
    // Report the parts that did decode as well, so one answer names every problem.
    try {
      parseListQuery(decoded, spec);
    } catch (err) {
      if (err instanceof ListQueryError) details.push(...err.details);
      else throw err;
    }
    throw new ListQueryError(details);
  }
  return parseListQuery(decoded, spec);
}

/** Parses decoded parts (an RPC payload); throws ListQueryError naming every invalid field. */
export function parseListQuery<F extends object, S extends string>(parts: unknown, spec: ListSpec<F, S>): ParsedListQuery<F, S> {
  if (parts !== undefined && parts !== null && (typeof parts !== 'object' || Array.isArray(parts))) {
    throw new ListQueryError([{ field: 'query', message: 'a list query must be an object { filter, range, sort }' }]);
  }
  const { filter, range, sort } = (parts ?? {}) as ListQueryParts;
  const details: ErrorDetail[] = [];
  const f = filterOf(filter, spec.filter, details);
  const r = rangeOf(range, details);
  const s = sortOf(sort, spec, details);
  if (details.length) throw new ListQueryError(details);
  return { filter: f as F, range: r!, sort: s as [S | 'id', SortOrder] };
}

const isEmpty = (v: unknown) => v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);
const echo = (text: string) => (text.length > ECHO_LIMIT ? `${text.slice(0, ECHO_LIMIT)}…` : text);

/** The properties a DTO class declares validation for (inherited ones included). */
export function filterFields(cls: new () => object): Set<string> {
  return new Set(getMetadataStorage().getTargetValidationMetadatas(cls, '', true, false).map((m) => m.propertyName));
}

function filterOf<F extends object>(raw: unknown, cls: new () => F, details: ErrorDetail[]): Partial<F> | undefined {
  if (raw === undefined || raw === null) raw = {};
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    details.push({ field: 'filter', message: 'filter must be a JSON object', constraint: 'isObject' });
    return undefined;
  }
  const known = filterFields(cls);
  // Only known keys are copied, so `__proto__` and friends never reach the instance.
  const kept: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
    if (!known.has(key)) {
      details.push({ field: echo(key), message: `${echo(key)} is not a filter of this list`, constraint: 'whitelistValidation' });
      continue;
    }
    // A filter value is one value or a flat list; anything deeper is refused before class-transformer walks it.
    if (nestsDeeperThan(value, 2)) {
      details.push({ field: key, message: `${key} must be one value or a list of values`, constraint: 'oneOrMany' });
      continue;
    }
    // An empty value is "any" in the UI, not `= ''`.
    if (!isEmpty(value)) kept[key] = value;
  }
  const instance = plainToInstance(cls, kept);
  details.push(...validationDetails(validateSync(instance, { forbidUnknownValues: false })));
  // A plain object of the given fields only (class fields of an ES2022 class start as own `undefined`s).
  return Object.fromEntries(Object.entries(instance).filter(([, v]) => v !== undefined)) as Partial<F>;
}

function rangeOf(raw: unknown, details: ErrorDetail[]): [number, number] | undefined {
  if (raw === undefined || raw === null) return [0, DEFAULT_PAGE_SIZE - 1];
  if (!Array.isArray(raw) || raw.length !== 2 || !raw.every((n) => Number.isSafeInteger(n) && n >= 0)) {
    details.push({ field: 'range', message: 'range must be [start, end]: two whole row numbers from 0', constraint: 'isRange' });
    return undefined;
  }
  const [start, end] = raw as [number, number];
  if (end < start) {
    details.push({ field: 'range', message: 'range must not end before it starts', constraint: 'isRange' });
  } else if (end - start + 1 > MAX_PAGE_SIZE) {
    details.push({ field: 'range', message: `range may span at most ${MAX_PAGE_SIZE} rows`, constraint: 'maxRows' });
  }
  return [start, end];
}

function sortOf(raw: unknown, spec: ListSpec<object, string>, details: ErrorDetail[]): [string, SortOrder] | undefined {
  if (raw === undefined || raw === null) return [spec.defaultSort[0], spec.defaultSort[1]];
  const fields = ['id', ...spec.sort.filter((f) => f !== 'id')];
  const order = Array.isArray(raw) && typeof raw[1] === 'string' ? raw[1].toUpperCase() : undefined;
  if (!Array.isArray(raw) || raw.length !== 2 || typeof raw[0] !== 'string' || !fields.includes(raw[0]) || (order !== 'ASC' && order !== 'DESC')) {
    details.push({ field: 'sort', message: `sort must be [field, "ASC" | "DESC"] with field one of: ${fields.join(', ')}`, constraint: 'isSort' });
    return undefined;
  }
  return [raw[0], order];
}

/** class-validator errors as `{field, message, constraint}` details, nested fields dotted, duplicates dropped. */
export function validationDetails(errors: ValidationError[], prefix = ''): ErrorDetail[] {
  const all = errors.flatMap((e): ErrorDetail[] => {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    const own = Object.entries(e.constraints ?? {}).map(([constraint, message]) => ({ field, message, constraint }));
    return [...own, ...validationDetails(e.children ?? [], field)];
  });
  const seen = new Set<string>();
  return all.filter((d) => !seen.has(`${d.field}\n${d.message}`) && Boolean(seen.add(`${d.field}\n${d.message}`)));
}

/**
 * A filter value that may be one value or a list of plain values (react-admin sends both):
 * at most `max` of them, no nested lists or objects. Combine with an `each: true` rule for
 * the values themselves.
 */
export function OneOrMany(max = MAX_PAGE_SIZE, options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'oneOrMany',
      constraints: [max],
      validator: {
        validate: (value: unknown) =>
          !Array.isArray(value) ? value === null || typeof value !== 'object' : value.length <= max && value.every((v) => v === null || typeof v !== 'object'),
        defaultMessage: (args) => `${args?.property} must be one value or a list of at most ${max} values`,
      },
    },
    options,
  );
}

/** OpenAPI schema of a filter value that is one `item` or a list of them. */
export const oneOrManySchema = (item: { type: string; format?: string; enum?: readonly unknown[] }): ApiPropertyOptions =>
  ({ oneOf: [item, { type: 'array', items: item, maxItems: MAX_PAGE_SIZE }] }) as ApiPropertyOptions;
