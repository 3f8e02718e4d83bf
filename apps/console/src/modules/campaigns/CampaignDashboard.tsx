import { Alert, Box, Button, Card, CardContent, FormControl, Grid, InputLabel, LinearProgress, MenuItem, Select, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { METRICS } from '@xb/contracts/campaigns/codes';
import type { CampaignsSummaryView, CampaignTotalsView, CampaignView, TotalsGroupView } from '@xb/contracts/campaigns';
import { useEffect, useState } from 'react';
import { Loading, Title, useGetList, useTranslate } from 'react-admin';
import { Bar, BarChart, CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { openPendingTab, saveFile, showInTab } from '../../common/files';
import { API_URL, fetchFile, httpClient } from '../../providers/http-client';

type GroupBy = 'unit' | 'venueType' | 'targetGroup' | 'week';

function Chart({ title, data, testId, line }: { title: string; data: { label: string; value: number }[]; testId: string; line?: boolean }) {
  return (
    <Card variant="outlined">
      <CardContent>
        <Typography variant="subtitle1" sx={{ fontWeight: 600 }}>
          {title}
        </Typography>
        <Box sx={{ height: 260 }} data-testid={testId}>
          <ResponsiveContainer width="100%" height="100%">
            {line ? (
              <LineChart data={data}>
                <CartesianGrid strokeDasharray="3 3" />
                <XAxis dataKey="label" tick={{ fontSize: 11 }} />
                <YAxis tick={{ fontSize: 11 }} width={56} />
                <Tooltip />
                <Line dataKey="value" stroke="#1976d2" strokeWidth={2} isAnimationActive={false} />
              </LineChart>
            ) : (
              <BarChart data={data} layout="vertical" margin={{ left: 24 }}>
                <CartesianGrid strokeDasharray="3 3" />
                <XAxis type="number" tick={{ fontSize: 11 }} />
                <YAxis type="category" dataKey="label" width={110} tick={{ fontSize: 11 }} />
                <Tooltip />
                <Bar dataKey="value" fill="#1976d2" isAnimationActive={false} />
              </BarChart>
            )}
          </ResponsiveContainer>
        </Box>
      </CardContent>
    </Card>
  );
}

/** 活动总结: the printable HTML opens in a new tab (print from there); the xlsx downloads. */
function ReportButtons({ campaignId }: { campaignId: string }) {
  const translate = useTranslate();
  const [error, setError] = useState<string | null>(null);
  const open = async (format: 'html' | 'xlsx') => {
    // The tab opens now, while the click counts as a user gesture; the page arrives with its no-script policy inside.
    const tab = format === 'html' ? openPendingTab(translate('xb.reports.preparing')) : null;
    try {
      const file = await fetchFile(`${API_URL}/campaigns/${campaignId}/report?format=${format}`, `campaign-report.${format}`);
      if (tab) await showInTab(tab, file);
      else saveFile(file);
      setError(null);
    } catch (e) {
      tab?.close();
      setError((e as Error).message);
    }
  };
  return (
    <Box sx={{ display: 'inline-flex', gap: 1, ml: 2, verticalAlign: 'middle' }}>
      <Button variant="outlined" size="small" onClick={() => open('html')} data-testid="report-html">
        {translate('xb.campaigns.reportHtml')}
      </Button>
      <Button variant="outlined" size="small" onClick={() => open('xlsx')} data-testid="report-xlsx">
        {translate('xb.campaigns.reportXlsx')}
      </Button>
      {error && <Alert severity="error">{error}</Alert>}
    </Box>
  );
}

/** 年度汇总: every campaign of the year in the caller's scope, with year on year of sessions and people (outlets and staff counted once overall). */
function YearSummary({ year }: { year: number }) {
  const translate = useTranslate();
  const [summary, setSummary] = useState<CampaignsSummaryView | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let stale = false;
    httpClient(`${API_URL}/campaigns/summary?year=${year}`)
      .then(({ json }) => !stale && (setSummary(json as CampaignsSummaryView), setError(null)))
      .catch((e: Error) => !stale && setError(e.message));
    return () => {
      stale = true;
    };
  }, [year]);
  const change = (v: number | null | undefined) => (v === null || v === undefined ? translate('xb.campaigns.noComparison') : `${v > 0 ? '+' : ''}${v}%`);
  const cols = ['outlets', 'sessions', 'distinctStaff', 'peopleReached'] as const;
  return (
    <Card variant="outlined" sx={{ mt: 2 }}>
      <CardContent>
        <Typography variant="subtitle1" sx={{ fontWeight: 600 }}>
          {translate('xb.campaigns.yearSummary', { year })}
        </Typography>
        {error && <Alert severity="error">{error}</Alert>}
        {summary && (
          <Table size="small" data-testid="year-summary">
            <TableHead>
              <TableRow>
                <TableCell />
                {cols.map((m) => (
                  <TableCell key={m} align="right">
                    {translate(`xb.campaigns.metric.${m}`)}
                  </TableCell>
                ))}
                <TableCell align="right">{translate('xb.campaigns.yoySessions')}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {summary.campaigns.map((c) => (
                <TableRow key={c.campaignId}>
                  <TableCell>{c.name}</TableCell>
                  {cols.map((m) => (
                    <TableCell key={m} align="right">
                      {c.values[m].toLocaleString()}
                    </TableCell>
                  ))}
                  <TableCell align="right">{change(c.yearOnYear.find((y) => y.metric === 'sessions')?.changePercent)}</TableCell>
                </TableRow>
              ))}
              <TableRow>
                <TableCell sx={{ fontWeight: 600 }}>{translate('xb.campaigns.overall')}</TableCell>
                {cols.map((m) => (
                  <TableCell key={m} align="right" sx={{ fontWeight: 600 }}>
                    {summary.overall[m].toLocaleString()}
                  </TableCell>
                ))}
                <TableCell />
              </TableRow>
            </TableBody>
          </Table>
        )}
      </CardContent>
    </Card>
  );
}

/**
 * 活动看板: progress against target per unit (the org tree, indented), people reached by
 * venue and audience, the weekly trend and year on year ("no comparison" when last year has none).
 */
export function CampaignDashboard() {
  const translate = useTranslate();
  const [chosen, setChosen] = useState<string | null>(() => new URLSearchParams(window.location.hash.split('?')[1] ?? '').get('campaignId'));
  const { data: campaigns, isPending } = useGetList<CampaignView>('campaigns', { pagination: { page: 1, perPage: 100 }, sort: { field: 'startDate', order: 'DESC' } });
  const campaignId = chosen ?? campaigns?.[0]?.id ?? '';
  const [totals, setTotals] = useState<Partial<Record<GroupBy, CampaignTotalsView>>>({});
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!campaignId) return;
    let stale = false;
    Promise.all(
      (['unit', 'venueType', 'targetGroup', 'week'] as GroupBy[]).map(async (g) => [g, (await httpClient(`${API_URL}/campaigns/${campaignId}/totals?groupBy=${g}`)).json as CampaignTotalsView] as const),
    )
      .then((entries) => !stale && (setTotals(Object.fromEntries(entries)), setError(null)))
      .catch((e: Error) => !stale && setError(e.message));
    return () => {
      stale = true;
    };
  }, [campaignId]);
  const byUnit = totals.unit;
  const campaign = campaigns?.find((c) => c.id === campaignId);
  if (isPending) return <Loading />;
  if (!campaigns?.length) {
    return (
      <Box sx={{ p: 2 }}>
        <Title title="xb.campaigns.dashboard" />
        <Alert severity="info" data-testid="dashboard-empty">
          {translate('xb.campaigns.noCampaignsYet')}
        </Alert>
      </Box>
    );
  }
  const people = (groups: TotalsGroupView[] | undefined) => (groups ?? []).map((g) => ({ label: translate(`xb.campaigns.groupLabel.${g.key}`, { _: g.label }), value: g.values.peopleReached }));
  return (
    <Box sx={{ p: 2 }}>
      <Title title="xb.campaigns.dashboard" />
      <FormControl size="small" sx={{ minWidth: 320, mb: 2 }}>
        <InputLabel id="dashboard-campaign-label">{translate('resources.campaigns.name', { smart_count: 1 })}</InputLabel>
        <Select value={campaignId} labelId="dashboard-campaign-label" label={translate('resources.campaigns.name', { smart_count: 1 })} onChange={(e) => setChosen(String(e.target.value))} data-testid="dashboard-campaign">
          {(campaigns ?? []).map((c) => (
            <MenuItem key={c.id} value={c.id}>
              {c.year} {c.name}
            </MenuItem>
          ))}
        </Select>
      </FormControl>
      {campaignId && <ReportButtons campaignId={campaignId} />}
      {error && <Typography color="error">{error}</Typography>}
      {byUnit && (
        <>
          <Grid container spacing={2} sx={{ mb: 2 }}>
            {(['outlets', 'sessions', 'distinctStaff', 'materials', 'peopleReached', 'eposterOutlets', 'onlineViews'] as const).map((m) => (
              <Grid key={m} size={{ xs: 6, md: 3, lg: 12 / 7 }}>
                <Card variant="outlined">
                  <CardContent>
                    <Typography variant="caption">{translate(`xb.campaigns.metric.${m}`)}</Typography>
                    <Typography variant="h5" data-testid={`total-${m}`}>
                      {byUnit.overall[m].toLocaleString()}
                    </Typography>
                  </CardContent>
                </Card>
              </Grid>
            ))}
          </Grid>
          {byUnit.progress.map((p) => (
            <Box key={p.metric} sx={{ mb: 1 }}>
              <Typography variant="body2">
                {translate(`xb.campaigns.metric.${p.metric}`)}: {p.actual.toLocaleString()} / {p.target.toLocaleString()} ({p.percent === null ? '—' : `${p.percent}%`})
              </Typography>
              <LinearProgress variant="determinate" value={Math.min(100, p.percent ?? 0)} role="meter" aria-label={translate(`xb.campaigns.metric.${p.metric}`)} />
            </Box>
          ))}
          <Grid container spacing={2} sx={{ my: 1 }}>
            <Grid size={{ xs: 12, md: 6 }}>
              <Chart title={translate('xb.campaigns.byVenue')} data={people(totals.venueType?.groups)} testId="chart-venue" />
            </Grid>
            <Grid size={{ xs: 12, md: 6 }}>
              <Chart title={translate('xb.campaigns.byAudience')} data={people(totals.targetGroup?.groups)} testId="chart-audience" />
            </Grid>
            <Grid size={{ xs: 12, md: 6 }}>
              <Chart title={translate('xb.campaigns.weekly')} data={(totals.week?.groups ?? []).map((g) => ({ label: g.key.slice(5), value: g.values.sessions }))} testId="chart-week" line />
            </Grid>
            <Grid size={{ xs: 12, md: 6 }}>
              <Card variant="outlined">
                <CardContent>
                  <Typography variant="subtitle1" sx={{ fontWeight: 600 }}>
                    {translate('xb.campaigns.yoy')} {byUnit.previousCampaign ? `(${byUnit.previousCampaign.year} ${byUnit.previousCampaign.name})` : ''}
                  </Typography>
                  <Table size="small" data-testid="yoy">
                    <TableBody>
                      {byUnit.yearOnYear
                        .filter((y) => y.metric !== 'activities')
                        .map((y) => (
                          <TableRow key={y.metric}>
                            <TableCell>{translate(`xb.campaigns.metric.${y.metric}`)}</TableCell>
                            <TableCell align="right">{y.current.toLocaleString()}</TableCell>
                            <TableCell align="right">{y.previous === null ? '—' : y.previous.toLocaleString()}</TableCell>
                            <TableCell align="right">{y.changePercent === null ? translate('xb.campaigns.noComparison') : `${y.changePercent > 0 ? '+' : ''}${y.changePercent}%`}</TableCell>
                          </TableRow>
                        ))}
                    </TableBody>
                  </Table>
                </CardContent>
              </Card>
            </Grid>
          </Grid>
          <Card variant="outlined">
            <CardContent>
              <Typography variant="subtitle1" sx={{ fontWeight: 600 }}>
                {translate('xb.campaigns.byUnit')}
              </Typography>
              <Table size="small" data-testid="unit-tree">
                <TableHead>
                  <TableRow>
                    <TableCell />
                    {METRICS.filter((m) => m !== 'activities').map((m) => (
                      <TableCell key={m} align="right">
                        {translate(`xb.campaigns.metric.${m}`)}
                      </TableCell>
                    ))}
                    <TableCell>{translate('xb.campaigns.progress')}</TableCell>
                  </TableRow>
                </TableHead>
                <TableBody>
                  {byUnit.groups
                    .filter((g) => g.values.activities > 0 || g.progress.length > 0 || (g.depth ?? 0) <= 1)
                    .map((g) => (
                      <TableRow key={g.key}>
                        <TableCell sx={{ pl: 1 + 2 * (g.depth ?? 0) }}>{g.label}</TableCell>
                        {METRICS.filter((m) => m !== 'activities').map((m) => (
                          <TableCell key={m} align="right">
                            {g.values[m].toLocaleString()}
                          </TableCell>
                        ))}
                        <TableCell sx={{ minWidth: 120 }}>
                          {g.progress.map((p) => (
                            <Box key={p.metric}>
                              <LinearProgress variant="determinate" value={Math.min(100, p.percent ?? 0)} role="meter" color={(p.percent ?? 0) >= 100 ? 'success' : 'primary'} aria-label={translate(`xb.campaigns.metric.${p.metric}`)} />
                              <Typography variant="caption">{p.percent === null ? '—' : `${p.percent}%`}</Typography>
                            </Box>
                          ))}
                        </TableCell>
                      </TableRow>
                    ))}
                </TableBody>
              </Table>
            </CardContent>
          </Card>
          {campaign && <YearSummary year={campaign.year} />}
        </>
      )}
    </Box>
  );
}
