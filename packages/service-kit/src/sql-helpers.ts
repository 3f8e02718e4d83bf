/**
 * SQL helpers for list queries, shared by the gateway and every service. The list
 * parser itself lives in contracts (it builds no SQL); these turn its validated output
 * into safe SQL fragments.
 */

/** `a%b_c\` → `a\%b\_c\\`, so user text matches literally inside LIKE/ILIKE patterns (backslash is PostgreSQL's default escape). */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (ch) => `\\${ch}`);
}

/** A LIKE/ILIKE pattern matching `text` anywhere, literally. */
export const likeContaining = (text: string): string => `%${escapeLike(text)}%`;

/** A LIKE pattern matching values that start with `text`, literally (materialised paths, action prefixes). */
export const likeStartingWith = (text: string): string => `${escapeLike(text)}%`;

/** One value or a list of them as a list; undefined stays undefined. */
export const asList = <T>(value: T | T[] | undefined): T[] | undefined => (value === undefined ? undefined : Array.isArray(value) ? value : [value]);

/**
 * `ORDER BY` for a validated sort: the column of the sort field (from a whitelist that
 * the list spec's sort fields must match) and a direction that can only be ASC or DESC.
 */
export function orderByOf<S extends string>(columns: Record<S, string>, [field, order]: [string, 'ASC' | 'DESC']): [string, 'ASC' | 'DESC'] {
  const column = (columns as Record<string, string>)[field];
  if (!column) throw new Error(`No column for sort field "${field}"`);
  return [column, order === 'ASC' ? 'ASC' : 'DESC'];
}
