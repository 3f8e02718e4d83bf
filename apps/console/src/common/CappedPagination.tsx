import { useState, type ComponentType } from 'react';
import { Button, Stack, Typography, type TablePaginationProps } from '@mui/material';
import { LIST_COUNT_CAP } from '@xb/contracts/common/list';
import { Pagination, useDataProvider, useListContext, useNotify, useTranslate, type PaginationProps } from 'react-admin';
import type { XbDataProvider } from '../providers/data-provider';

/** react-admin passes props it does not know on to MUI's TablePagination (its `rest`), the label included. */
const LabelledPagination = Pagination as ComponentType<PaginationProps & Pick<TablePaginationProps, 'labelDisplayedRows'>>;

/**
 * Pagination for the complaint list, whose server stops counting at LIST_COUNT_CAP: a total
 * above the cap is a lower bound, shown as "1–25 of more than 1,000" rather than a false
 * exact figure, with a button that asks the server for the exact count of the current filter.
 */
export function CappedPagination(props: PaginationProps) {
  const translate = useTranslate();
  const notify = useNotify();
  const dataProvider = useDataProvider<XbDataProvider>();
  const { total, filterValues } = useListContext();
  const [exact, setExact] = useState<{ filter: string; total: number } | undefined>();
  const [counting, setCounting] = useState(false);
  // An exact count is shown only for the filter it was made for.
  const filterKey = JSON.stringify(filterValues ?? {});
  const capped = total !== undefined && total > LIST_COUNT_CAP;

  const countExactly = async () => {
    setCounting(true);
    try {
      setExact({ filter: filterKey, total: await dataProvider.countComplaints(filterValues ?? {}) });
    } catch {
      notify('ra.notification.http_error', { type: 'error' });
    } finally {
      setCounting(false);
    }
  };

  return (
    <Stack direction="row" alignItems="center" justifyContent="flex-end" spacing={1}>
      {capped &&
        (exact?.filter === filterKey ? (
          <Typography variant="body2" data-testid="exact-count">
            {translate('xb.common.exact_count', { count: exact.total.toLocaleString() })}
          </Typography>
        ) : (
          <Button size="small" onClick={() => void countExactly()} disabled={counting} data-testid="count-exactly">
            {translate('xb.common.count_exactly')}
          </Button>
        ))}
      <LabelledPagination
        {...props}
        labelDisplayedRows={({ from, to, count }: { from: number; to: number; count: number }) =>
          count > LIST_COUNT_CAP
            ? translate('xb.common.range_of_more_than', { from, to, cap: LIST_COUNT_CAP.toLocaleString() })
            : translate('ra.navigation.page_range_info', { offsetBegin: from, offsetEnd: to, total: count })
        }
      />
    </Stack>
  );
}
