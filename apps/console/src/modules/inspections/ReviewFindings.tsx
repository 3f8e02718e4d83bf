import { Autocomplete, Box, Button, MenuItem, Stack, Table, TableBody, TableCell, TableHead, TableRow, TextField, Typography } from '@mui/material';
import { useState } from 'react';
import { useGetList, useNotify, useRefresh, useTranslate } from 'react-admin';
import type { OrgUnitView } from '../../types';
import { bankToday, inspectionsApi, type InspectionView } from './api';

type Deadline = { kind: 'default' | 'immediate' | 'date'; date: string };

/**
 * The reviewer's arrangement of the rectifications 整改 an accepted visit opens: per failed item
 * the owning unit (default: the outlet) and the deadline (default: red-line 7 days, others 30;
 * `immediate` = fixed on the spot today; or a date). The service checks both again.
 */
export function ReviewFindings({ record, failedItems }: { record: InspectionView; failedItems: string[] }) {
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const units = useGetList<OrgUnitView>('org-units', { pagination: { page: 1, perPage: 500 }, sort: { field: 'path', order: 'ASC' } });
  const [owners, setOwners] = useState<Record<string, OrgUnitView | null>>({});
  const [deadlines, setDeadlines] = useState<Record<string, Deadline>>({});
  const [busy, setBusy] = useState(false);
  const notes = new Map(record.answers.map((a) => [a.itemKey, a.note]));
  const deadlineOf = (key: string): Deadline => deadlines[key] ?? { kind: 'default', date: bankToday() };

  const accept = async () => {
    const ownerBody = Object.fromEntries(Object.entries(owners).flatMap(([k, u]) => (u && u.id !== record.outletId ? [[k, u.id]] : [])));
    const deadlineBody = Object.fromEntries(
      failedItems.flatMap((k) => {
        const d = deadlineOf(k);
        return d.kind === 'immediate' ? [[k, 'immediate']] : d.kind === 'date' ? [[k, d.date]] : [];
      }),
    );
    setBusy(true);
    try {
      await inspectionsApi.review(record.id, { decision: 'accept', owners: ownerBody, deadlines: deadlineBody });
      notify('xb.inspections.done', { type: 'success' });
      refresh();
    } catch (e) {
      const body = (e as { body?: { details?: { field?: string; message?: string }[] } }).body;
      const d = body?.details?.[0];
      notify(d?.field ? `${d.field}: ${d.message ?? ''}` : (e as Error).message, { type: 'error' });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Box sx={{ mt: 2 }} data-testid="review-findings">
      <Typography variant="subtitle2">{translate('xb.inspections.review.title')}</Typography>
      <Typography variant="body2" color="text.secondary">
        {translate('xb.inspections.review.hint')}
      </Typography>
      <Table size="small">
        <TableHead>
          <TableRow>
            <TableCell>{translate('xb.inspections.findings')}</TableCell>
            <TableCell>{translate('xb.inspections.review.owner')}</TableCell>
            <TableCell>{translate('xb.inspections.review.deadline')}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {failedItems.map((key) => {
            const d = deadlineOf(key);
            return (
              <TableRow key={key}>
                <TableCell>
                  {key}
                  {notes.get(key) ? ` — ${notes.get(key)}` : ''}
                </TableCell>
                <TableCell sx={{ minWidth: 220 }}>
                  <Autocomplete
                    size="small"
                    options={units.data ?? []}
                    loading={units.isPending}
                    value={owners[key] ?? null}
                    getOptionLabel={(u) => `${u.name} (${u.code})`}
                    isOptionEqualToValue={(a, b) => a.id === b.id}
                    onChange={(_e, u) => setOwners((o) => ({ ...o, [key]: u }))}
                    renderInput={(params) => <TextField {...params} placeholder={record.outletName} />}
                  />
                </TableCell>
                <TableCell>
                  <Stack direction="row" spacing={1}>
                    <TextField
                      select
                      size="small"
                      value={d.kind}
                      onChange={(e) => setDeadlines((m) => ({ ...m, [key]: { ...d, kind: e.target.value as Deadline['kind'] } }))}
                      sx={{ minWidth: 130 }}
                    >
                      <MenuItem value="default">{translate('xb.inspections.review.default_deadline')}</MenuItem>
                      <MenuItem value="immediate">{translate('xb.inspections.immediate')}</MenuItem>
                      <MenuItem value="date">{translate('xb.inspections.review.by_date')}</MenuItem>
                    </TextField>
                    {d.kind === 'date' ? (
                      <TextField
                        type="date"
                        size="small"
                        value={d.date}
                        onChange={(e) => setDeadlines((m) => ({ ...m, [key]: { ...d, date: e.target.value } }))}
                        slotProps={{ htmlInput: { min: bankToday() } }}
                      />
                    ) : null}
                  </Stack>
                </TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
      <Button sx={{ mt: 1 }} variant="contained" color="success" disabled={busy} onClick={() => void accept()} data-testid="accept-arranged">
        {translate('xb.inspections.review.accept')}
      </Button>
    </Box>
  );
}
