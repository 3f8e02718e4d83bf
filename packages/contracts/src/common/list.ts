/** A list query in the shape of react-admin's ra-data-simple-rest protocol. */
export interface ListQuery<F = Record<string, unknown>> {
  filter: F;
  /** Inclusive [start, end] row indexes. */
  range: [number, number];
  sort: [string, 'ASC' | 'DESC'];
}

export interface ListResult<T> {
  items: T[];
  /** Rows that match; a lower bound when `totalIsLowerBound` (more than LIST_COUNT_CAP match). */
  total: number;
  totalIsLowerBound?: boolean;
}

/**
 * Large lists count matching rows up to this many and then stop: "1,000+" instead of an
 * exact count(*) over a whole scope, which at a million complaints cost more than the page
 * itself. Exact figures for a period are the analysis endpoint's job. A total above this
 * number is always a lower bound.
 */
export const LIST_COUNT_CAP = 1000;

/** A list page spans at most this many rows; a larger `range` is refused with 400 (list-query.ts). */
export const MAX_PAGE_SIZE = 1000;

/** Normalises a range so that it is non-negative, ordered and at most MAX_PAGE_SIZE rows. */
export function normaliseRange(range: [number, number] | undefined, defaultSize = 25): [number, number] {
  const [rawStart, rawEnd] = range ?? [0, defaultSize - 1];
  const start = Math.max(0, Math.floor(rawStart));
  const end = Math.max(start, Math.min(Math.floor(rawEnd), start + MAX_PAGE_SIZE - 1));
  return [start, end];
}
