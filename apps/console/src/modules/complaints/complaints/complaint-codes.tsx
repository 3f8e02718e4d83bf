import { useEffect, useState } from 'react';
import { Chip, Typography } from '@mui/material';
import { Labeled, useDataProvider, useLocaleState, useNotify, useRecordContext, type SelectInputProps, SelectInput } from 'react-admin';
import { Item } from '../../../common/ShowSections';
import type { XbDataProvider } from '../../../providers/data-provider';
import type { CodedItem, ComplaintCodes } from '../../../types';

/**
 * The complaint code lists (JR/T 0169 axes, severities, statuses) come from
 * `GET /api/reference/complaint-codes`. They change only with a release, so one fetch
 * per page load is shared by every component.
 */
let cached: Promise<ComplaintCodes> | null = null;

export function loadComplaintCodes(dataProvider: XbDataProvider): Promise<ComplaintCodes> {
  if (!cached) {
    cached = dataProvider.getComplaintCodes().catch((error: unknown) => {
      cached = null;
      throw error;
    });
  }
  return cached;
}

export type CodeList = keyof ComplaintCodes;

export function useComplaintCodes(): ComplaintCodes | undefined {
  const dataProvider = useDataProvider<XbDataProvider>();
  const notify = useNotify();
  const [codes, setCodes] = useState<ComplaintCodes>();
  useEffect(() => {
    let live = true;
    loadComplaintCodes(dataProvider).then(
      (value) => live && setCodes(value),
      () => live && notify('xb.complaints.codes_error', { type: 'error' }),
    );
    return () => {
      live = false;
    };
  }, [dataProvider, notify]);
  return codes;
}

export function codeLabel(item: CodedItem | undefined, locale: string, fallback = ''): string {
  if (!item) return fallback;
  return locale.startsWith('zh') ? item.zh : item.en;
}

/** `key → label` for one list in the current locale. */
export function useCodeLabel(list: CodeList): (key: string | null | undefined) => string {
  const codes = useComplaintCodes();
  const [locale] = useLocaleState();
  return (key) => {
    if (!key) return '';
    return codeLabel(codes?.[list]?.find((c) => c.key === key), locale, key);
  };
}

/** Select input over one coded list; labels in the current locale, value the key. */
export function CodeSelectInput({ list, ...props }: Omit<SelectInputProps, 'choices'> & { list: CodeList }) {
  const codes = useComplaintCodes();
  const [locale] = useLocaleState();
  const choices = (codes?.[list] ?? []).map((c) => ({ id: c.key, name: `${codeLabel(c, locale)}` }));
  return <SelectInput {...props} choices={choices} isPending={!codes} translateChoice={false} />;
}

/** Field showing one coded value's label in the current locale. */
export function CodeField({ list, source }: { list: CodeList; source: string; label?: string }) {
  const record = useRecordContext();
  const label = useCodeLabel(list);
  const value = record?.[source] as string | undefined;
  if (!value) return null;
  return (
    <Typography component="span" variant="body2">
      {label(value)}
    </Typography>
  );
}

const STATUS_COLOURS: Record<string, 'default' | 'primary' | 'secondary' | 'success' | 'warning' | 'error' | 'info'> = {
  received: 'info',
  assigned: 'primary',
  in_progress: 'secondary',
  resolved: 'success',
  replied: 'success',
  closed: 'default',
  rejected: 'default',
  withdrawn: 'default',
};

export function StatusChip({ source = 'status' }: { source?: string; label?: string }) {
  const record = useRecordContext();
  const label = useCodeLabel('statuses');
  const value = record?.[source] as string | undefined;
  if (!value) return null;
  return <Chip size="small" variant="outlined" color={STATUS_COLOURS[value] ?? 'default'} label={label(value)} />;
}

export function SeverityChip({ source = 'severity' }: { source?: string; label?: string }) {
  const record = useRecordContext();
  const label = useCodeLabel('severities');
  const value = record?.[source] as string | undefined;
  if (!value) return null;
  return <Chip size="small" color={value === 'major' ? 'error' : 'default'} variant={value === 'major' ? 'filled' : 'outlined'} label={label(value)} />;
}

/**
 * The complaint's classification (channel, JR/T 0169 business category and cause,
 * severity) as show-page items; the complaint page and the case archive both show it.
 */
export function ClassificationItems({ perRow = 3 }: { perRow?: 3 | 4 }) {
  return (
    <>
      <Item perRow={perRow}>
        <Labeled source="channel"><CodeField list="channels" source="channel" /></Labeled>
      </Item>
      <Item perRow={perRow}>
        <Labeled source="businessCategory"><CodeField list="businessCategories" source="businessCategory" /></Labeled>
      </Item>
      <Item perRow={perRow}>
        <Labeled source="cause"><CodeField list="causes" source="cause" /></Labeled>
      </Item>
      <Item perRow={perRow}>
        <Labeled source="severity"><SeverityChip /></Labeled>
      </Item>
    </>
  );
}
