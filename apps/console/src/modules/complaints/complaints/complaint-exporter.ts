import { useCallback } from 'react';
import { downloadCSV, useDataProvider, useLocaleState, useTranslate, type Exporter } from 'react-admin';
import { toCsv } from '../../../common/csv';
import { maskName, maskPhone } from '../../../common/masking';
import type { XbDataProvider } from '../../../providers/data-provider';
import type { ComplaintCodes, ComplaintView } from '../../../types';
import { codeLabel, loadComplaintCodes, type CodeList } from './complaint-codes';

/**
 * The complaints CSV holds an explicit list of columns — never "every field received":
 * coded values as labels in the current locale, customer name and phone masked (the server
 * masks them already; masked again here in case a response ever was not), and no
 * free text (description, demand, resolution, reasons) that might quote a customer's
 * details. Used by the complaints list, my queue and the supervision board.
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
  'timeLimitDays',
  'clockState',
  'escalated',
  'reportBackDueAt',
  'assignedUnitName',
  'assignedHandlerUsername',
  'outcome',
  'compensationAmount',
  'resolvedAt',
  'replyMethod',
  'repliedAt',
  'satisfaction',
  'disputesOutcome',
  'closedAt',
  'reopenCount',
  'repeatOfId',
  'typical',
  'customerName',
  'customerPhone',
  'externalRef',
] as const;
type Column = (typeof COLUMNS)[number];

const CODED: Partial<Record<Column, CodeList>> = {
  status: 'statuses',
  channel: 'channels',
  businessCategory: 'businessCategories',
  cause: 'causes',
  severity: 'severities',
  outcome: 'outcomes',
  replyMethod: 'replyMethods',
  satisfaction: 'satisfactionLevels',
};

const INSTANTS: readonly Column[] = ['receivedAt', 'dueAt', 'reportBackDueAt', 'resolvedAt', 'repliedAt', 'closedAt'];

/** The clock's state in words; a running clock (the usual case) leaves the cell empty. */
const CLOCK_KEYS: Record<string, string> = { paused: 'xb.sla.paused', stopped: 'xb.sla.stopped' };

export function useComplaintExporter(): Exporter<ComplaintView> {
  const dataProvider = useDataProvider<XbDataProvider>();
  const translate = useTranslate();
  const [locale] = useLocaleState();

  return useCallback(
    async (records: ComplaintView[]) => {
      const codes: ComplaintCodes = await loadComplaintCodes(dataProvider);
      const label = (list: CodeList, key: string) => codeLabel(codes[list]?.find((c) => c.key === key), locale, key);
      const yesNo = (value: boolean | null | undefined) =>
        value === null || value === undefined ? '' : translate(value ? 'ra.boolean.true' : 'ra.boolean.false');
      const header = COLUMNS.map((column) => translate(`resources.complaints.fields.${column}`));
      const cell = (r: ComplaintView, column: Column): unknown => {
        const list = CODED[column];
        if (list) {
          const value = r[column as keyof ComplaintView];
          return value ? label(list, String(value)) : '';
        }
        if (INSTANTS.includes(column)) {
          const value = r[column as keyof ComplaintView];
          return value ? new Date(String(value)).toLocaleString(locale) : '';
        }
        switch (column) {
          case 'customerName':
            return maskName(r.customerName);
          case 'customerPhone':
            return maskPhone(r.customerPhone);
          case 'overdue':
            return yesNo(r.overdue);
          case 'escalated':
            return yesNo(!!r.escalation);
          case 'typical':
            return yesNo(r.typical);
          case 'disputesOutcome':
            return yesNo(r.disputesOutcome);
          case 'clockState':
            return r.clockState === 'running' ? '' : translate(CLOCK_KEYS[r.clockState] ?? '', { _: r.clockState });
          case 'repeatOfId':
            return r.repeatOfId ? yesNo(true) : '';
          default:
            return r[column as keyof ComplaintView] ?? '';
        }
      };
      const rows = records.map((r) => COLUMNS.map((column) => cell(r, column)));
      downloadCSV(toCsv(header, rows), translate('xb.complaints.export_filename'));
    },
    [dataProvider, translate, locale],
  );
}
