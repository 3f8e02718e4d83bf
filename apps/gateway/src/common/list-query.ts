import { BadRequestException } from '@nestjs/common';
import { errorBody, normaliseRange, type ListQuery, type ListResult } from '@xb/contracts';
import type { Response } from 'express';

function parseJson(name: string, raw: unknown): unknown {
  if (raw === undefined || raw === '') return undefined;
  if (typeof raw !== 'string') throw new BadRequestException(errorBody(400, `${name} must be JSON`, [{ field: name, message: 'must be JSON' }]));
  try {
    return JSON.parse(raw);
  } catch {
    throw new BadRequestException(errorBody(400, `${name} is not valid JSON`, [{ field: name, message: 'is not valid JSON' }]));
  }
}

/** Parses react-admin's ra-data-simple-rest query (`filter`, `range`, `sort`, all JSON). */
export function parseListQuery<F = Record<string, unknown>>(
  query: Record<string, unknown>,
  allowedSort: readonly string[],
  defaultSort: [string, 'ASC' | 'DESC'],
): ListQuery<F> {
  const filter = parseJson('filter', query.filter) ?? {};
  if (typeof filter !== 'object' || filter === null || Array.isArray(filter)) {
    throw new BadRequestException(errorBody(400, 'filter must be a JSON object', [{ field: 'filter', message: 'must be an object' }]));
  }
  const range = parseJson('range', query.range);
  if (range !== undefined && !(Array.isArray(range) && range.length === 2 && range.every((n) => Number.isInteger(n) && n >= 0))) {
    throw new BadRequestException(errorBody(400, 'range must be [start, end]', [{ field: 'range', message: 'must be [start, end]' }]));
  }
  const sort = (parseJson('sort', query.sort) as [string, string] | undefined) ?? defaultSort;
  if (!Array.isArray(sort) || !allowedSort.includes(sort[0]) || !['ASC', 'DESC'].includes(String(sort[1]).toUpperCase())) {
    throw new BadRequestException(
      errorBody(400, `sort must be [field, "ASC"|"DESC"] with field one of: ${allowedSort.join(', ')}`, [{ field: 'sort', message: 'unsupported' }]),
    );
  }
  // Drop empty filter values so that "any" in the UI does not become `= ''`.
  const cleaned = Object.fromEntries(
    Object.entries(filter as Record<string, unknown>).filter(([, v]) => v !== undefined && v !== null && v !== '' && !(Array.isArray(v) && v.length === 0)),
  );
  return {
    filter: cleaned as F,
    range: normaliseRange(range as [number, number] | undefined),
    sort: [sort[0], String(sort[1]).toUpperCase() as 'ASC' | 'DESC'],
  };
}

/** Sets `Content-Range: <resource> <start>-<end>/<total>` as ra-data-simple-rest expects. */
export function sendList<T>(res: Response, resource: string, query: ListQuery<unknown>, result: ListResult<T>): T[] {
  const [start] = query.range;
  const end = result.items.length ? start + result.items.length - 1 : start;
  res.setHeader('Content-Range', `${resource} ${start}-${end}/${result.total}`);
  // More rows match than were counted (LIST_COUNT_CAP): the total is "at least".
  if (result.totalIsLowerBound) res.setHeader('X-Total-Is-Lower-Bound', 'true');
  return result.items;
}
