import { DateField, useLocaleState, type DateFieldProps } from 'react-admin';

/** DateField formatted for the UI language rather than the browser's (`2026/11/22 11:04` in Chinese). */
export function DateTimeField(props: DateFieldProps) {
  const [locale] = useLocaleState();
  return (
    <DateField
      showTime
      locales={locale}
      options={{ year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false }}
      {...props}
    />
  );
}
