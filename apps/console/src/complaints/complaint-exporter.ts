import { useCallback } from 'react';
import { downloadCSV, useDataProvider, useLocaleState, useTranslate, type Exporter } from 'react-admin';
import { toCsv } from '../common/csv';
import { maskName, maskPhone } from '../common/masking';
import type { XbDataProvider } from '../providers/data-provider';
import type { ComplaintCodes, ComplaintView } from '../types';
import { codeLabel, loadComplaintCodes, type CodeList } from './complaint-codes';

/**
 * The complaints CSV holds an explicit list of columns — never "every field received":
 * coded values as labels in the current locale, customer name and phone masked (the server
 * masks them already; masked again here in case a response ever was not), and no
 * free text (description, demand) that might quote a customer's details.
 */
const COLUMNS = [
  'reference',
  'status',
  'channel',
  'businessCategory',
  'cause',
  'severity',
  'orgUnitName',
  'receivedAt',
  'dueAt',
  'daysLeft',
  'overdue',
  'customerName',
  'customerPhone',
  'externalRef',
] as const;

const CODED: Partial<Record<(typeof COLUMNS)[number], CodeList>> = {
  status: 'statuses',
  channel: 'channels',
  businessCategory: 'businessCategories',
  cause: 'causes',
  severity: 'severities',
};

export function useComplaintExporter(): Exporter<ComplaintView> {
  const dataProvider = useDataProvider<XbDataProvider>();
  const translate = useTranslate();
  const [locale] = useLocaleState();

  return useCallback(
    async (records: ComplaintView[]) => {
      const codes: ComplaintCodes = await loadComplaintCodes(dataProvider);
      const label = (list: CodeList, key: string) => codeLabel(codes[list].find((c) => c.key === key), locale, key);
      const yesNo = (value: boolean) => translate(value ? 'ra.boolean.true' : 'ra.boolean.false');
      const header = COLUMNS.map((column) => translate(`resources.complaints.fields.${column}`));
      const rows = records.map((r) =>
        COLUMNS.map((column) => {
          const list = CODED[column];
          if (list) return label(list, String(r[column]));
          switch (column) {
            case 'customerName':
              return maskName(r.customerName);
            case 'customerPhone':
              return maskPhone(r.customerPhone);
            case 'receivedAt':
            case 'dueAt':
              return r[column] ? new Date(r[column]).toLocaleString(locale) : '';
            case 'overdue':
              return yesNo(r.overdue);
            default:
              return r[column];
          }
        }),
      );
      downloadCSV(toCsv(header, rows), translate('xb.complaints.export_filename'));
    },
    [dataProvider, translate, locale],
  );
}
