import { HttpException } from '@nestjs/common';
import { ListQueryError, parseListQueryString, type ListQuery, type ListResult, type ListSpec, type ParsedListQuery } from '@xb/contracts';
import type { Response } from 'express';

/**
 * Parses react-admin's ra-data-simple-rest query (`filter`, `range`, `sort`, all JSON) with
 * the shared parser against the list's spec: 400 naming every invalid part.
 */
export function parseListQuery<F extends object, S extends string>(query: Record<string, unknown>, spec: ListSpec<F, S>): ParsedListQuery<F, S> {
  try {
    return parseListQueryString(query, spec);
  } catch (err) {
    if (err instanceof ListQueryError) throw new HttpException(err.body, 400);
    throw err;
  }
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
