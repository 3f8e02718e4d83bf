import {
  Alert,
  Box,
  Button,
  Card,
  CardContent,
  Grid,
  LinearProgress,
  MenuItem,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  TextField,
  ToggleButton,
  ToggleButtonGroup,
  Typography,
} from '@mui/material';
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { Title, useDataProvider, useLocaleState, useTranslate } from 'react-admin';
import { formatDateTime } from '../../../common/DateTimeField';
import { OrgUnitPicker } from '../../../common/OrgUnitPicker';
import { useCodeLabel, type CodeList } from '../complaints/complaint-codes';
import type { AnalysisQuery, XbDataProvider } from '../../../providers/data-provider';
import type { BreakdownLine, Change, ComplaintAnalysis, OrgUnitView } from '../../../types';
import { ChartCard, RankChart, ShareChart, TrendChart, type Slice } from './charts';
import { defaultPeriod, periodProblem, periodRange, recentYears, type PeriodChoice, type PeriodMode } from './period';
import { RequireAccess } from '../../../layout/RequireAccess';

const percent = (value: number | null | undefined) => (value === null || value === undefined ? '—' : `${value.toFixed(2)}%`);

/** Loads the analysis for a query; `retry` loads it again. */
function useAnalysis(query: AnalysisQuery | null) {
  const dataProvider = useDataProvider<XbDataProvider>();
  const [attempt, setAttempt] = useState(0);
  const [state, setState] = useState<{ data?: ComplaintAnalysis; error?: unknown; loading: boolean }>({ loading: false });
  const key = query ? `${query.from}|${query.to}|${query.orgUnitId ?? ''}` : '';
  useEffect(() => {
    if (!query) return undefined;
    let live = true;
    setState((s) => ({ data: s.data, loading: true }));
    dataProvider.getComplaintAnalysis(query).then(
      (data) => live && setState({ data, loading: false }),
      (error: unknown) => live && setState({ error, loading: false }),
    );
    return () => {
      live = false;
    };
  }, [dataProvider, key, attempt]);
  return { ...state, retry: () => setAttempt((n) => n + 1) };
}

/** "▲ 12.5% (+3)": up is red — more complaints is worse. */
function ChangeText({ label, change }: { label: string; change: Change | undefined }) {
  const translate = useTranslate();
  if (!change) return null;
  const arrow = change.delta > 0 ? '▲' : change.delta < 0 ? '▼' : '＝';
  const colour = change.delta > 0 ? 'error.main' : change.delta < 0 ? 'success.main' : 'text.secondary';
  const amount = change.percent === null ? translate('xb.analysis.change_none') : `${Math.abs(change.percent).toFixed(2)}%`;
  return (
    <Typography variant="caption" component="div" sx={{ color: colour }}>
      {label} {arrow} {amount} ({change.delta > 0 ? '+' : ''}
      {change.delta})
    </Typography>
  );
}

function Kpi({ label, value, testId, children }: { label: string; value: string; testId: string; children?: ReactNode }) {
  return (
    <Card variant="outlined" sx={{ height: '100%' }}>
      <CardContent>
        <Typography variant="body2" color="text.secondary">
          {label}
        </Typography>
        <Typography variant="h4" data-testid={testId} sx={{ my: 0.5 }}>
          {value}
        </Typography>
        {children}
      </CardContent>
    </Card>
  );
}

function Kpis({ a }: { a: ComplaintAnalysis }) {
  const translate = useTranslate();
  return (
    <Grid container spacing={2} data-testid="analysis-kpis">
      <Grid size={{ xs: 12, sm: 6, md: 2.4 }}>
        <Kpi label={translate('xb.analysis.total')} value={String(a.total)} testId="kpi-total">
          <ChangeText label={translate('xb.analysis.yoy')} change={a.lastYear} />
          <ChangeText label={translate('xb.analysis.qoq')} change={a.previous} />
        </Kpi>
      </Grid>
      <Grid size={{ xs: 12, sm: 6, md: 2.4 }}>
        <Kpi label={translate('xb.analysis.timeliness')} value={percent(a.timeliness.rate)} testId="kpi-timeliness">
          <Typography variant="caption" color="text.secondary">
            {translate('xb.analysis.of_informed', { onTime: a.timeliness.onTime, informed: a.timeliness.informed })}
          </Typography>
        </Kpi>
      </Grid>
      <Grid size={{ xs: 12, sm: 6, md: 2.4 }}>
        <Kpi label={translate('xb.analysis.satisfaction')} value={percent(a.satisfaction.rate)} testId="kpi-satisfaction">
          <Typography variant="caption" color="text.secondary">
            {translate('xb.analysis.of_followed_up', {
              satisfied: a.satisfaction.satisfied + a.satisfaction.basicallySatisfied,
              followedUp: a.satisfaction.followedUp,
            })}
          </Typography>
        </Kpi>
      </Grid>
      <Grid size={{ xs: 12, sm: 6, md: 2.4 }}>
        <Kpi
          label={translate('xb.analysis.avg_days')}
          value={a.averageHandlingDays === null ? '—' : translate('xb.analysis.days', { n: a.averageHandlingDays.toFixed(1) })}
          testId="kpi-avg-days"
        />
      </Grid>
      <Grid size={{ xs: 12, sm: 6, md: 2.4 }}>
        <Kpi label={translate('xb.analysis.transferred')} value={String(a.transferred.total)} testId="kpi-transferred">
          <Typography variant="caption" color="text.secondary">
            {translate('xb.analysis.share', { n: a.transferred.share.toFixed(2) })}
          </Typography>
        </Kpi>
      </Grid>
    </Grid>
  );
}

function useSlices(list: CodeList) {
  const label = useCodeLabel(list);
  return (lines: BreakdownLine[] | undefined): Slice[] =>
    (lines ?? []).map((line) => ({ name: label(line.key) || line.label, count: line.count, share: line.share }));
}

function ClosureTable({ a }: { a: ComplaintAnalysis }) {
  const translate = useTranslate();
  const b = a.closureBuckets;
  const rows: [string, number][] = [
    [translate('xb.analysis.within15'), b.within15],
    [translate('xb.analysis.within16to30'), b.within16to30],
    [translate('xb.analysis.within31to60'), b.within31to60],
    [translate('xb.analysis.over60'), b.over60],
    [translate('xb.analysis.overdue', { resolved: b.overdueResolved, open: b.overdueOpen }), b.overdue],
    [translate('xb.analysis.openWithinLimit'), b.openWithinLimit],
    [translate('xb.analysis.notResolved'), b.notResolved],
  ];
  return (
    <Table size="small" data-testid="closure-buckets">
      <TableHead>
        <TableRow>
          <TableCell>{translate('xb.analysis.bucket')}</TableCell>
          <TableCell align="right">{translate('xb.analysis.count')}</TableCell>
          <TableCell align="right">{translate('xb.analysis.percent')}</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {rows.map(([label, count]) => (
          <TableRow key={label}>
            <TableCell>{label}</TableCell>
            <TableCell align="right">{count}</TableCell>
            <TableCell align="right">{a.total ? percent(Math.round((count / a.total) * 1000) / 10) : '—'}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

function UnitTable({ a }: { a: ComplaintAnalysis }) {
  const translate = useTranslate();
  const lines = (a.byOrgUnit ?? []).filter((u) => u.total > 0 || u.level <= 1);
  return (
    // A scrolling region is reachable from the keyboard (WCAG 2.1.1) and named for screen readers.
    <Box sx={{ maxHeight: 360, overflow: 'auto' }} tabIndex={0} role="region" aria-label={translate('xb.analysis.units')}>
      <Table size="small" stickyHeader data-testid="unit-table">
        <TableHead>
          <TableRow>
            <TableCell>{translate('xb.analysis.unit')}</TableCell>
            <TableCell align="right">{translate('xb.analysis.own')}</TableCell>
            <TableCell align="right">{translate('xb.analysis.subtree')}</TableCell>
            <TableCell align="right">{translate('xb.analysis.percent')}</TableCell>
            <TableCell align="right">{translate('xb.analysis.timeliness')}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {lines.map((u) => (
            <TableRow key={u.orgUnitId}>
              <TableCell sx={{ pl: 2 + u.level * 2 }}>{u.name}</TableCell>
              <TableCell align="right">{u.own}</TableCell>
              <TableCell align="right">{u.total}</TableCell>
              <TableCell align="right">{percent(u.totalShare)}</TableCell>
              <TableCell align="right">{percent(u.timelinessRate)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Box>
  );
}

function Results({ a }: { a: ComplaintAnalysis }) {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const channels = useSlices('channels');
  const categories = useSlices('businessCategories');
  const causes = useSlices('causes');
  // Units one level below the analysed root (their whole subtree counted); the root alone when it has none.
  const children = (a.byOrgUnit ?? []).filter((u) => u.level === 1);
  const root = (a.byOrgUnit ?? []).find((u) => u.level === 0);
  const unitSlices: Slice[] = children.map((u) => ({ name: u.name, count: u.total, share: u.totalShare }));
  // The root's own complaints (本级) beside its units', so the bars add up to the total.
  if (root && (root.own > 0 || children.length === 0)) {
    unitSlices.push({ name: children.length ? `${root.name}（${translate('xb.analysis.own')}）` : root.name, count: root.own, share: root.ownShare });
  }
  const span = (p: { from: string; to: string }) => `${p.from} – ${p.to}`;
  return (
    <Stack spacing={2}>
      <Kpis a={a} />
      {a.total === 0 ? (
        <Alert severity="info" data-testid="analysis-empty">
          {translate('xb.analysis.empty')}
        </Alert>
      ) : (
        <Grid container spacing={2}>
          <Grid size={{ xs: 12 }}>
            <ChartCard title={translate('xb.analysis.trend')} testId="chart-trend">
              <TrendChart
                data={a.trend}
                labels={{ count: translate('xb.analysis.this_period'), lastYear: translate('xb.analysis.last_year'), resolved: translate('xb.analysis.resolved') }}
              />
            </ChartCard>
          </Grid>
          <Grid size={{ xs: 12, md: 6 }}>
            <ChartCard title={translate('xb.analysis.by_channel')} testId="chart-channel">
              <ShareChart data={channels(a.byChannel)} countLabel={translate('xb.analysis.count')} />
            </ChartCard>
          </Grid>
          <Grid size={{ xs: 12, md: 6 }}>
            <ChartCard title={translate('xb.analysis.by_unit')} testId="chart-unit">
              <RankChart data={unitSlices} countLabel={translate('xb.analysis.count')} colour="#00838f" />
            </ChartCard>
          </Grid>
          <Grid size={{ xs: 12, md: 6 }}>
            <ChartCard title={translate('xb.analysis.by_category')} testId="chart-category" height={340}>
              <RankChart data={categories(a.byBusinessCategory)} countLabel={translate('xb.analysis.count')} />
            </ChartCard>
          </Grid>
          <Grid size={{ xs: 12, md: 6 }}>
            <ChartCard title={translate('xb.analysis.by_cause')} testId="chart-cause" height={340}>
              <RankChart data={causes(a.byCause)} countLabel={translate('xb.analysis.count')} colour="#ef6c00" />
            </ChartCard>
          </Grid>
          <Grid size={{ xs: 12, md: 5 }}>
            <Card variant="outlined">
              <CardContent>
                <Typography variant="subtitle1" sx={{ fontWeight: 600, mb: 1 }}>
                  {translate('xb.analysis.buckets')}
                </Typography>
                <ClosureTable a={a} />
              </CardContent>
            </Card>
          </Grid>
          <Grid size={{ xs: 12, md: 7 }}>
            <Card variant="outlined">
              <CardContent>
                <Typography variant="subtitle1" sx={{ fontWeight: 600, mb: 1 }}>
                  {translate('xb.analysis.units')}
                </Typography>
                <UnitTable a={a} />
              </CardContent>
            </Card>
          </Grid>
        </Grid>
      )}
      <Typography variant="caption" color="text.secondary">
        {translate('xb.analysis.generated', {
          at: formatDateTime(a.generatedAt, locale),
          previous: span(a.previousPeriod),
          lastYear: span(a.lastYearPeriod),
        })}
      </Typography>
    </Stack>
  );
}

/** The period picker: quarter / year / custom days, and an org unit (its whole subtree). */
function Filters({
  period,
  setPeriod,
  unit,
  setUnit,
}: {
  period: PeriodChoice;
  setPeriod: (p: PeriodChoice) => void;
  unit: OrgUnitView | null;
  setUnit: (u: OrgUnitView | null) => void;
}) {
  const translate = useTranslate();
  const years = recentYears();
  return (
    <Card variant="outlined" sx={{ mb: 2 }}>
      <CardContent>
        <Stack direction="row" spacing={2} useFlexGap sx={{ flexWrap: 'wrap', alignItems: 'center' }}>
          <ToggleButtonGroup
            size="small"
            exclusive
            value={period.mode}
            onChange={(_, mode: PeriodMode | null) => mode && setPeriod({ ...period, mode })}
            aria-label={translate('xb.analysis.period')}
          >
            <ToggleButton value="quarter">{translate('xb.analysis.mode_quarter')}</ToggleButton>
            <ToggleButton value="year">{translate('xb.analysis.mode_year')}</ToggleButton>
            <ToggleButton value="custom">{translate('xb.analysis.mode_custom')}</ToggleButton>
          </ToggleButtonGroup>
          {period.mode !== 'custom' && (
            <TextField
              select
              size="small"
              label={translate('xb.analysis.year')}
              value={period.year}
              onChange={(e) => setPeriod({ ...period, year: Number(e.target.value) })}
              fullWidth={false}
              sx={{ width: 120 }}
            >
              {years.map((y) => (
                <MenuItem key={y} value={y}>
                  {y}
                </MenuItem>
              ))}
            </TextField>
          )}
          {period.mode === 'quarter' && (
            <TextField
              select
              size="small"
              label={translate('xb.analysis.quarter')}
              value={period.quarter}
              onChange={(e) => setPeriod({ ...period, quarter: Number(e.target.value) })}
              fullWidth={false}
              sx={{ width: 140 }}
            >
              {[1, 2, 3, 4].map((q) => (
                <MenuItem key={q} value={q}>
                  {translate('xb.analysis.quarter_n', { n: q })}
                </MenuItem>
              ))}
            </TextField>
          )}
          {period.mode === 'custom' && (
            <>
              <TextField
                type="date"
                fullWidth={false}
                size="small"
                label={translate('xb.analysis.from')}
                value={period.from}
                onChange={(e) => setPeriod({ ...period, from: e.target.value })}
                slotProps={{ inputLabel: { shrink: true } }}
              />
              <TextField
                type="date"
                fullWidth={false}
                size="small"
                label={translate('xb.analysis.to')}
                value={period.to}
                onChange={(e) => setPeriod({ ...period, to: e.target.value })}
                slotProps={{ inputLabel: { shrink: true } }}
              />
            </>
          )}
          <OrgUnitPicker value={unit} onChange={setUnit} label="xb.analysis.org_unit" placeholder="xb.analysis.all_units" testId="analysis-unit" />
        </Stack>
      </CardContent>
    </Card>
  );
}

function AnalysisContent() {
  const translate = useTranslate();
  const [period, setPeriod] = useState<PeriodChoice>(() => defaultPeriod());
  const [unit, setUnit] = useState<OrgUnitView | null>(null);
  const range = periodRange(period);
  const query = useMemo<AnalysisQuery | null>(
    () => (range ? { ...range, ...(unit ? { orgUnitId: unit.id } : {}) } : null),
    [range?.from, range?.to, unit?.id],
  );
  const { data, error, loading, retry } = useAnalysis(query);
  return (
    <Box sx={{ mt: 2 }} data-testid="analysis-page">
      <Title title="xb.analysis.title" />
      <Filters period={period} setPeriod={setPeriod} unit={unit} setUnit={setUnit} />
      {!range && <Alert severity="warning">{translate(periodProblem(period) ?? 'xb.analysis.invalid_period')}</Alert>}
      {loading && <LinearProgress sx={{ mb: 1 }} aria-label={translate('ra.page.loading')} />}
      {error != null && !loading && (
        <Alert
          severity="error"
          data-testid="analysis-error"
          action={
            <Button color="inherit" size="small" onClick={retry}>
              {translate('xb.analysis.retry')}
            </Button>
          }
        >
          {translate('xb.analysis.error')}
          {error instanceof Error && error.message ? ` — ${error.message}` : ''}
        </Alert>
      )}
      {data && !error && range && <Results a={data} />}
    </Box>
  );
}

/** 投诉分析: KPIs, charts and tables of one period and org subtree (`GET /api/complaints/analysis`). */
export function AnalysisPage() {
  return (
    <RequireAccess resource="complaint-analysis">
      <AnalysisContent />
    </RequireAccess>
  );
}
