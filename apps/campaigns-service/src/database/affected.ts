/** Rows an UPDATE … RETURNING changed: TypeORM's postgres driver answers `[rows, count]` for UPDATE and DELETE. */
export function affected(result: unknown): number {
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') return result[1];
  return Array.isArray(result) ? result.length : 0;
}
