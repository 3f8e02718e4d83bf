/**
 * Client-side masks, used only as a second line of defence in exports: the server masks
 * customer details in every response already. A value that already contains `*` is
 * taken as masked and kept.
 */
export function maskName(value: string | null | undefined): string {
  if (!value) return '';
  if (value.includes('*')) return value;
  return value.slice(0, 1) + '*'.repeat(Math.max(1, value.length - 1));
}

export function maskPhone(value: string | null | undefined): string {
  if (!value) return '';
  if (value.includes('*')) return value;
  if (value.length <= 4) return '*'.repeat(value.length);
  const keep = value.length >= 11 ? 3 : 0;
  return value.slice(0, keep) + '*'.repeat(value.length - keep - 4) + value.slice(-4);
}
