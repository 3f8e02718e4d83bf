import { Box, Button, Card, CardContent, Grid, MenuItem, Table, TableBody, TableCell, TableHead, TableRow, TextField, Typography } from '@mui/material';
import { useEffect, useState } from 'react';
import { Loading, Title, useGetOne, useNotify, useParams, useTranslate } from 'react-admin';
import { Bar, BarChart, CartesianGrid, LabelList, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { ExamStatisticsView, ExamView, LeaderboardView } from '@xb/contracts/training';
import { saveFile } from '../../common/files';
import { API_URL, fetchFile, httpClient } from '../../providers/http-client';
import { ChartCard } from '../complaints/analysis/charts';

const fmt = (v: number | null | undefined, digits = 2) => (v === null || v === undefined ? '—' : Number(v).toFixed(digits));
const pct = (v: number | null | undefined) => (v === null || v === undefined ? '—' : `${(v * 100).toFixed(1)}%`);

/** 成绩分析: pass rate by unit and the score distribution as charts, Moodle's item analysis with weak items marked, and the leaderboard. */
export function ResultsPage() {
  const { id } = useParams<{ id: string }>();
  const translate = useTranslate();
  const notify = useNotify();
  const [exporting, setExporting] = useState(false);
  const [which, setWhich] = useState<'first' | 'graded' | 'all'>('graded');
  const [stats, setStats] = useState<ExamStatisticsView | null>(null);
  const [board, setBoard] = useState<LeaderboardView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const { data: exam } = useGetOne<ExamView>('exams', { id: id ?? '' }, { enabled: !!id });
  useEffect(() => {
    if (!id) return;
    httpClient(`${API_URL}/exams/${id}/statistics?attempts=${which}`)
      .then(({ json }) => setStats(json as ExamStatisticsView))
      .catch((e: Error) => setError(e.message));
    httpClient(`${API_URL}/exams/${id}/leaderboard?teamSize=3`)
      .then(({ json }) => setBoard(json as LeaderboardView))
      .catch(() => setBoard(null));
  }, [id, which]);
  const exportXlsx = async () => {
    setExporting(true);
    try {
      saveFile(await fetchFile(`${API_URL}/exams/${id}/results/export?attempts=${which}`, 'exam-results.xlsx'));
    } catch (e) {
      notify((e as Error).message || 'xb.training.export_failed', { type: 'error' });
    } finally {
      setExporting(false);
    }
  };
  if (error) return <Typography color="error">{error}</Typography>;
  if (!stats) return <Loading />;
  const byUnit = stats.units.filter((u) => u.attempted > 0 && u.depth <= 2).map((u) => ({ name: u.name, rate: u.passRate ?? 0 }));
  const distribution = stats.distribution.map((d) => ({ name: `${d.from}–${d.to}`, count: d.count }));
  return (
    <Box sx={{ mt: 2 }} data-testid="training-results">
      <Title title={translate('xb.training.stats_title', { title: exam?.title ?? '' })} />
      <Box sx={{ display: 'flex', gap: 2, alignItems: 'center', mb: 2, flexWrap: 'wrap' }}>
        <Typography variant="h6">{translate('xb.training.stats_title', { title: exam?.title ?? '' })}</Typography>
        <TextField select size="small" label={translate('xb.training.which')} value={which} onChange={(e) => setWhich(e.target.value as typeof which)}>
          <MenuItem value="first">{translate('xb.training.which_first')}</MenuItem>
          <MenuItem value="graded">{translate('xb.training.which_graded')}</MenuItem>
          <MenuItem value="all">{translate('xb.training.which_all')}</MenuItem>
        </TextField>
        <Button variant="outlined" onClick={() => window.print()}>
          {translate('xb.training.print')}
        </Button>
        <Button variant="outlined" onClick={() => void exportXlsx()} disabled={exporting} data-testid="export-results">
          {translate('xb.training.export_xlsx')}
        </Button>
      </Box>
      <Grid container spacing={2}>
        <Grid size={{ xs: 12, md: 6 }}>
          <ChartCard title={translate('xb.training.pass_rate_by_unit')} testId="chart-pass-rate">
            <ResponsiveContainer width="100%" height="100%">
              <BarChart data={byUnit} margin={{ top: 18 }}>
                <CartesianGrid strokeDasharray="3 3" />
                <XAxis dataKey="name" tick={{ fontSize: 11 }} />
                <YAxis domain={[0, 100]} width={36} />
                <Tooltip />
                {/* The rate on each bar, so a unit whose takers all failed reads 0% rather than an empty slot. */}
                <Bar dataKey="rate" fill="#2e7d32" minPointSize={2} isAnimationActive={false}>
                  <LabelList dataKey="rate" position="top" formatter={(v: unknown) => `${String(v)}%`} style={{ fontSize: 11, fill: '#333' }} />
                </Bar>
              </BarChart>
            </ResponsiveContainer>
          </ChartCard>
        </Grid>
        <Grid size={{ xs: 12, md: 6 }}>
          <ChartCard title={translate('xb.training.distribution')} testId="chart-distribution">
            <ResponsiveContainer width="100%" height="100%">
              <BarChart data={distribution}>
                <CartesianGrid strokeDasharray="3 3" />
                <XAxis dataKey="name" tick={{ fontSize: 11 }} />
                <YAxis allowDecimals={false} width={36} />
                <Tooltip />
                <Bar dataKey="count" fill="#1976d2" isAnimationActive={false} />
              </BarChart>
            </ResponsiveContainer>
          </ChartCard>
        </Grid>
      </Grid>
      <Card variant="outlined" sx={{ mt: 2 }}>
        <CardContent sx={{ overflowX: 'auto' }}>
          <Typography variant="subtitle1">{translate('xb.training.participation')}</Typography>
          <Table size="small">
            <TableHead>
              <TableRow>
                {['unit', 'assigned', 'attempted', 'passed', 'pass_rate'].map((k) => (
                  <TableCell key={k}>{translate(`xb.training.${k}`)}</TableCell>
                ))}
              </TableRow>
            </TableHead>
            <TableBody>
              {stats.units.map((u) => (
                <TableRow key={u.orgUnitId}>
                  <TableCell sx={{ pl: 1 + u.depth * 2 }}>{u.name}</TableCell>
                  <TableCell>{u.assigned}</TableCell>
                  <TableCell>{u.attempted}</TableCell>
                  <TableCell>{u.passed}</TableCell>
                  <TableCell>{u.passRate === null ? '—' : `${u.passRate}%`}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </CardContent>
      </Card>
      <Card variant="outlined" sx={{ mt: 2 }}>
        <CardContent sx={{ overflowX: 'auto' }}>
          <Typography variant="subtitle1">{translate('xb.training.items')}</Typography>
          <Typography variant="body2" sx={{ mb: 1 }} data-testid="test-stats">
            {translate('xb.training.test_stats', { mean: fmt(stats.test.mean), sd: fmt(stats.test.sd), cic: fmt(stats.test.cic), er: fmt(stats.test.errorRatio), se: fmt(stats.test.standardError) })}
          </Typography>
          <Table size="small" data-testid="item-analysis">
            <TableHead>
              <TableRow>
                {['name', 'facility', 'sd', 'di', 'de', 'weak'].map((k) => (
                  <TableCell key={k}>{translate(k === 'name' ? 'resources.questions.fields.stem' : `xb.training.${k}`)}</TableCell>
                ))}
              </TableRow>
            </TableHead>
            <TableBody>
              {stats.items.map((it) => (
                <TableRow key={it.questionId} sx={it.weak ? { bgcolor: 'warning.light' } : undefined} data-weak={it.weak}>
                  <TableCell title={it.stem}>{it.stem.length > 40 ? `${it.stem.slice(0, 40)}…` : it.stem}</TableCell>
                  <TableCell>{pct(it.facility)}</TableCell>
                  <TableCell>{pct(it.sd)}</TableCell>
                  <TableCell>{fmt(it.discriminationIndex, 1)}</TableCell>
                  <TableCell>{fmt(it.discriminativeEfficiency, 1)}</TableCell>
                  <TableCell>{it.weak ? '⚠' : ''}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </CardContent>
      </Card>
      {board && <Leaderboard board={board} />}
    </Box>
  );
}

export function Leaderboard({ board }: { board: LeaderboardView }) {
  const translate = useTranslate();
  return (
    <Grid container spacing={2} sx={{ mt: 0 }}>
      <Grid size={{ xs: 12, md: 7 }}>
        <Card variant="outlined">
          <CardContent sx={{ overflowX: 'auto' }}>
            <Typography variant="subtitle1">{translate('xb.training.leaderboard')}</Typography>
            <Table size="small" data-testid="leaderboard">
              <TableHead>
                <TableRow>
                  {['rank', 'taker', 'unit', 'score', 'time'].map((k) => (
                    <TableCell key={k}>{translate(`xb.training.${k}`)}</TableCell>
                  ))}
                </TableRow>
              </TableHead>
              <TableBody>
                {board.entries.slice(0, 100).map((e) => (
                  <TableRow key={e.userId}>
                    <TableCell>{e.rank}</TableCell>
                    <TableCell>{e.displayName}</TableCell>
                    <TableCell>{e.unitName}</TableCell>
                    <TableCell>{e.score}</TableCell>
                    <TableCell>{e.seconds}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </CardContent>
        </Card>
      </Grid>
      <Grid size={{ xs: 12, md: 5 }}>
        <Card variant="outlined">
          <CardContent>
            <Typography variant="subtitle1">{translate('xb.training.teams', { n: 3 })}</Typography>
            <Table size="small">
              <TableHead>
                <TableRow>
                  {['rank', 'unit', 'members', 'average'].map((k) => (
                    <TableCell key={k}>{translate(`xb.training.${k}`)}</TableCell>
                  ))}
                </TableRow>
              </TableHead>
              <TableBody>
                {board.teams.map((t) => (
                  <TableRow key={t.orgUnitId}>
                    <TableCell>{t.rank}</TableCell>
                    <TableCell>{t.unitName}</TableCell>
                    <TableCell>{t.members}</TableCell>
                    <TableCell>{t.average}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </CardContent>
        </Card>
      </Grid>
    </Grid>
  );
}
