import { Alert, Box, Button, Card, CardContent, LinearProgress, MenuItem, Stack, Table, TableBody, TableCell, TableHead, TableRow, TextField, Typography } from '@mui/material';
import { useEffect, useState } from 'react';
import { Title, useNotify, useTranslate } from 'react-admin';
import { openPendingTab, saveFile, showInTab } from '../../common/files';
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { RequireAccess } from '../../layout/RequireAccess';
import { bankToday, inspectionsApi, pct, type InspectionAnalysis } from './api';

/** Red below 60 %, amber to 80 %, green above: a heat-map cell. */
const heat = (v: number | null | undefined) =>
  v === null || v === undefined ? 'transparent' : v < 60 ? 'rgba(211,47,47,0.55)' : v < 80 ? 'rgba(237,108,2,0.45)' : v < 90 ? 'rgba(255,213,79,0.45)' : 'rgba(46,125,50,0.4)';

function useAnalysis(from: string, to: string, groupBy: 'outlet' | 'branch' | 'quarter') {
  const [state, setState] = useState<{ data?: InspectionAnalysis; error?: string; loading: boolean }>({ loading: true });
  useEffect(() => {
    let live = true;
    setState((s) => ({ ...s, loading: true }));
    inspectionsApi.analysis(from, to, groupBy).then(
      (data) => live && setState({ data, loading: false }),
      (e: Error) => live && setState({ error: e.message, loading: false }),
    );
    return () => {
      live = false;
    };
  }, [from, to, groupBy]);
  return state;
}

/**
 * 暗访分析: the heat map of outlets (or branches) × dimensions, the trend by quarter, red-line
 * failures, pass rate and rectification rates. Every figure is a ratio of totals.
 */
export function InspectionAnalysisPage() {
  const translate = useTranslate();
  const year = Number(bankToday().slice(0, 4));
  const [from, setFrom] = useState(`${year - 1}-01-01`);
  const [to, setTo] = useState(bankToday());
  const [groupBy, setGroupBy] = useState<'outlet' | 'branch'>('outlet');
  const grid = useAnalysis(from, to, groupBy);
  const trend = useAnalysis(from, to, 'quarter');
  const dims = grid.data?.dimensions ?? [];
  const o = grid.data?.overall;
  const notify = useNotify();
  const [quarterYear, quarterNo] = [Number(to.slice(0, 4)), Math.floor((Number(to.slice(5, 7)) - 1) / 3) + 1];
  const report = (format: 'xlsx' | 'html') => {
    const tab = format === 'html' ? openPendingTab(translate('xb.inspections.report_loading')) : null;
    inspectionsApi.quarterlyReport(quarterYear, quarterNo, format).then(
      (file) => (tab ? showInTab(tab, file) : saveFile(file)),
      (e: Error) => {
        tab?.close();
        notify(e.message, { type: 'error' });
      },
    );
  };
  return (
    <RequireAccess resource="inspection-analysis">
      <Box sx={{ p: 2 }}>
        <Title title={translate('xb.inspections.analysis_title')} />
        {/* Filters at their natural width and the report buttons on one line each (they wrapped to four lines in Chinese). */}
        <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2} useFlexGap sx={{ mb: 2, flexWrap: 'wrap', alignItems: { sm: 'center' } }}>
          <TextField type="date" size="small" sx={{ width: { sm: 180 } }} label={translate('xb.inspections.from')} value={from} onChange={(e) => setFrom(e.target.value)} slotProps={{ inputLabel: { shrink: true } }} />
          <TextField type="date" size="small" sx={{ width: { sm: 180 } }} label={translate('xb.inspections.to')} value={to} onChange={(e) => setTo(e.target.value)} slotProps={{ inputLabel: { shrink: true } }} />
          <TextField select size="small" sx={{ width: { sm: 160 } }} label={translate('xb.inspections.group_by')} value={groupBy} onChange={(e) => setGroupBy(e.target.value as 'outlet' | 'branch')}>
            <MenuItem value="outlet">{translate('xb.inspections.by_outlet')}</MenuItem>
            <MenuItem value="branch">{translate('xb.inspections.by_branch')}</MenuItem>
          </TextField>
          <Button variant="outlined" sx={{ whiteSpace: 'nowrap' }} onClick={() => report('html')}>
            {translate('xb.inspections.report_html', { quarter: `${quarterYear}Q${quarterNo}` })}
          </Button>
          <Button sx={{ whiteSpace: 'nowrap' }} onClick={() => report('xlsx')}>
            {translate('xb.inspections.report_xlsx')}
          </Button>
        </Stack>
        {grid.loading ? <LinearProgress aria-label={translate('ra.page.loading')} /> : null}
        {grid.error ? <Alert severity="error">{grid.error}</Alert> : null}
        {o ? (
          <Stack direction="row" spacing={2} sx={{ mb: 2, flexWrap: 'wrap' }} useFlexGap>
            {[
              ['xb.inspections.kpi.visits', String(o.visits)],
              ['xb.inspections.kpi.total', pct(o.total)],
              ['xb.inspections.kpi.pass_rate', pct(o.passRate)],
              ['xb.inspections.kpi.red_line', String(o.redLineFailedVisits)],
              ['xb.inspections.kpi.completion', pct(o.rectifications.completionRate)],
              ['xb.inspections.kpi.on_time', pct(o.rectifications.onTimeRate)],
            ].map(([label, value]) => (
              <Card key={label} sx={{ minWidth: 140 }}>
                <CardContent>
                  <Typography variant="caption">{translate(label)}</Typography>
                  <Typography variant="h5">{value}</Typography>
                </CardContent>
              </Card>
            ))}
          </Stack>
        ) : null}
        <Typography variant="caption" color="text.secondary">
          {translate('xb.inspections.ratio_note')}
        </Typography>
        <Card sx={{ my: 2, overflowX: 'auto' }} data-testid="inspection-heatmap">
          <Table size="small">
            <TableHead>
              <TableRow>
                <TableCell>{translate(groupBy === 'outlet' ? 'xb.inspections.by_outlet' : 'xb.inspections.by_branch')}</TableCell>
                <TableCell align="right">{translate('xb.inspections.kpi.total')}</TableCell>
                {dims.map((d) => (
                  <TableCell key={d.key} align="right">
                    {d.name}
                  </TableCell>
                ))}
                <TableCell>{translate('xb.inspections.weakest')}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {grid.data?.groups.map((g) => (
                <TableRow key={g.key}>
                  <TableCell sx={{ minWidth: 150 }}>
                    {g.name}
                    <Typography component="span" variant="caption" color="text.secondary" sx={{ ml: 0.5, whiteSpace: 'nowrap' }} title={translate('xb.inspections.kpi.visits')}>
                      {translate('xb.inspections.visits_n', { smart_count: g.visits })}
                    </Typography>
                  </TableCell>
                  <TableCell align="right" sx={{ background: heat(g.total) }}>
                    {pct(g.total)}
                  </TableCell>
                  {dims.map((d) => (
                    <TableCell key={d.key} align="right" sx={{ background: heat(g.dimensions[d.key]) }}>
                      {pct(g.dimensions[d.key])}
                    </TableCell>
                  ))}
                  <TableCell sx={{ fontSize: 12 }}>{g.weakestItems.map((w) => w.text).join('；')}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </Card>
        <Card data-testid="inspection-trend">
          <CardContent>
            <Typography variant="subtitle1">{translate('xb.inspections.trend')}</Typography>
            <Box sx={{ height: 280 }}>
              <ResponsiveContainer>
                <LineChart data={trend.data?.groups.map((g) => ({ quarter: g.key, total: g.total, passRate: g.passRate, ...g.dimensions })) ?? []}>
                  <CartesianGrid strokeDasharray="3 3" />
                  <XAxis dataKey="quarter" />
                  <YAxis domain={[0, 100]} />
                  <Tooltip />
                  <Legend />
                  <Line type="monotone" dataKey="total" name={translate('xb.inspections.kpi.total')} stroke="#1976d2" strokeWidth={3} />
                  <Line type="monotone" dataKey="passRate" name={translate('xb.inspections.kpi.pass_rate')} stroke="#2e7d32" />
                </LineChart>
              </ResponsiveContainer>
            </Box>
            <Table size="small">
              <TableBody>
                {trend.data?.groups.map((g) => (
                  <TableRow key={g.key}>
                    <TableCell>{g.key}</TableCell>
                    <TableCell align="right">{pct(g.total)}</TableCell>
                    <TableCell align="right">
                      {translate('xb.inspections.qoq')} {g.quarterOnQuarter === null || g.quarterOnQuarter === undefined ? '—' : `${g.quarterOnQuarter > 0 ? '+' : ''}${g.quarterOnQuarter}`}
                    </TableCell>
                    <TableCell align="right">
                      {translate('xb.inspections.yoy')} {g.yearOnYear === null || g.yearOnYear === undefined ? '—' : `${g.yearOnYear > 0 ? '+' : ''}${g.yearOnYear}`}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </CardContent>
        </Card>
      </Box>
    </RequireAccess>
  );
}
