import { Box, Tooltip } from '@mui/material';
import type { ReactNode } from 'react';
import { DataTable, useDataTableRenderContext, useRecordContext, type DataTableColumnProps } from 'react-admin';

/**
 * Lists that fit 1440 px in both languages: headers on one line, compact cells, long text
 * cut with an ellipsis (the whole text in a tooltip), columns the user may show or hide
 * (`<ColumnsButton />` + the DataTable's `hiddenColumns`), and columns that must always be
 * there (the time limit) pinned. Every module's list uses these rather than its own CSS.
 */
export const fittedTableSx = {
  '& .MuiTableCell-head': { whiteSpace: 'nowrap' },
  '& .MuiTableCell-root': { px: 1 },
  '& .MuiTableCell-body': { maxWidth: 280 },
} as const;

/** Text cut to `maxWidth` with an ellipsis; hovering shows all of it. */
export function TruncatedText({ text, maxWidth = 160, children }: { text: string | null | undefined; maxWidth?: number; children?: ReactNode }) {
  if (!text) return <>{children ?? '—'}</>;
  return (
    <Tooltip title={text} enterDelay={400}>
      <Box component="span" data-testid="truncated" sx={{ display: 'inline-block', maxWidth, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap', verticalAlign: 'bottom' }}>
        {children ?? text}
      </Box>
    </Tooltip>
  );
}

/** A text field of the record, truncated with a tooltip. */
export function TruncatedField({ source, maxWidth }: { source: string; maxWidth?: number; label?: string }) {
  const record = useRecordContext();
  const value = record?.[source];
  return <TruncatedText text={value === null || value === undefined ? null : String(value)} maxWidth={maxWidth} />;
}

/** A column that cannot be hidden: not offered by the columns button (e.g. the SLA column). */
export function PinnedColumn<T extends Record<string, unknown> = Record<string, unknown>>(props: DataTableColumnProps<T>) {
  const context = useDataTableRenderContext();
  if (context === 'columnsSelector') return null;
  return <DataTable.Col<T> {...props} />;
}
