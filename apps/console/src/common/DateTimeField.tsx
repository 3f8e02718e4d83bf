import { DateField, useLocaleState, type DateFieldProps } from 'react-admin';

const FORMAT: Intl.DateTimeFormatOptions = { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false };
const DAY_FORMAT: Intl.DateTimeFormatOptions = { year: 'numeric', month: '2-digit', day: '2-digit' };

/** DateField formatted for the UI language rather than the browser's (`2026/11/22 11:04` in Chinese). */
export function DateTimeField(props: DateFieldProps) {
  const [locale] = useLocaleState();
  return <DateField showTime locales={locale} options={FORMAT} {...props} />;
}

/** The same format outside fields (tooltips, timeline, messages). Empty for no value. */
export function formatDateTime(value: string | Date | null | undefined, locale: string): string {
  if (!value) return '';
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? '' : date.toLocaleString(locale, FORMAT);
}

export function formatDay(value: string | Date | null | undefined, locale: string): string {
  if (!value) return '';
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? '' : date.toLocaleDateString(locale, DAY_FORMAT);
}
