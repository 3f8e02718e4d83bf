import { Box, Card, CardContent, MenuItem, Table, TableBody, TableCell, TableHead, TableRow, TextField, Typography } from '@mui/material';
import { useEffect, useState } from 'react';
import { Loading, Title, useTranslate } from 'react-admin';
import type { HoursView } from '@xb/contracts/training';
import { API_URL, httpClient } from '../../providers/http-client';

/** 学时台账: hours per person or per unit (rolled up the tree) for a year, in the reader's scope. */
export function HoursPage() {
  const translate = useTranslate();
  const [year, setYear] = useState(new Date().getFullYear());
  const [by, setBy] = useState<'person' | 'unit'>('person');
  const [view, setView] = useState<HoursView | null>(null);
  useEffect(() => {
    httpClient(`${API_URL}/training/hours?year=${year}&by=${by}`).then(({ json }) => setView(json as HoursView));
  }, [year, by]);
  return (
    <Card sx={{ mt: 2 }} data-testid="training-hours">
      <Title title="xb.training.hours_title" />
      <CardContent>
        <Box sx={{ display: 'flex', gap: 2, mb: 2 }}>
          <Typography variant="h6">{translate('xb.training.hours_title')}</Typography>
          <TextField select size="small" label={translate('xb.training.year')} value={year} onChange={(e) => setYear(Number(e.target.value))}>
            {[0, 1, 2].map((d) => (
              <MenuItem key={d} value={new Date().getFullYear() - d}>
                {new Date().getFullYear() - d}
              </MenuItem>
            ))}
          </TextField>
          <TextField select size="small" value={by} onChange={(e) => setBy(e.target.value as 'person' | 'unit')}>
            <MenuItem value="person">{translate('xb.training.by_person')}</MenuItem>
            <MenuItem value="unit">{translate('xb.training.by_unit')}</MenuItem>
          </TextField>
        </Box>
        {!view ? (
          <Loading />
        ) : (
          <Table size="small">
            <TableHead>
              <TableRow>
                <TableCell>{translate('xb.training.name')}</TableCell>
                <TableCell>{translate('xb.training.sessions')}</TableCell>
                <TableCell>{translate('xb.training.hours')}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {view.rows.map((r) => (
                <TableRow key={r.id}>
                  <TableCell>{r.name}</TableCell>
                  <TableCell>{r.sessions}</TableCell>
                  <TableCell>{r.hours}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </CardContent>
    </Card>
  );
}
