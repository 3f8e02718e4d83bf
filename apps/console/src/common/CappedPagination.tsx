import type { ComponentType } from 'react';
import type { TablePaginationProps } from '@mui/material';
import { LIST_COUNT_CAP } from '@xb/contracts/common/list';
import { Pagination, useTranslate, type PaginationProps } from 'react-admin';

/** react-admin passes props it does not know on to MUI's TablePagination (its `rest`), the label included. */
const LabelledPagination = Pagination as ComponentType<PaginationProps & Pick<TablePaginationProps, 'labelDisplayedRows'>>;

/**
 * Pagination for lists whose server stops counting at LIST_COUNT_CAP: a total above the
 * cap is a lower bound, shown as "1–25 of more than 1,000" rather than a false exact figure.
 */
export function CappedPagination(props: PaginationProps) {
  const translate = useTranslate();
  return (
    <LabelledPagination
      {...props}
      labelDisplayedRows={({ from, to, count }: { from: number; to: number; count: number }) =>
        count > LIST_COUNT_CAP
          ? translate('xb.common.range_of_more_than', { from, to, cap: LIST_COUNT_CAP.toLocaleString() })
          : translate('ra.navigation.page_range_info', { offsetBegin: from, offsetEnd: to, total: count })
      }
    />
  );
}
