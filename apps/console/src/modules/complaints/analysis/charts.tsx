import { Box, Card, CardContent, Typography, useTheme } from '@mui/material';
import type { ReactNode } from 'react';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
  LabelList,
  ComposedChart,
  Legend,
  Line,
  Pie,
  PieChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';

/** A titled card holding one chart at a fixed height (ResponsiveContainer needs a sized parent). */
export function ChartCard({ title, height = 300, testId, children }: { title: string; height?: number; testId: string; children: ReactNode }) {
  return (
    <Card variant="outlined" sx={{ height: '100%' }}>
      <CardContent>
        <Typography variant="subtitle1" sx={{ fontWeight: 600, mb: 1 }}>
          {title}
        </Typography>
        <Box sx={{ width: '100%', height }} data-testid={testId}>
          {children}
        </Box>
      </CardContent>
    </Card>
  );
}

const PALETTE = ['#1976d2', '#ef6c00', '#2e7d32', '#8e24aa', '#00838f', '#c62828', '#6d4c41', '#5c6bc0', '#9e9d24', '#546e7a', '#d81b60', '#43a047'];

export interface TrendPoint {
  month: string;
  count: number;
  lastYear: number;
  resolved: number;
}

export function TrendChart({ data, labels }: { data: TrendPoint[]; labels: { count: string; lastYear: string; resolved: string } }) {
  const theme = useTheme();
  return (
    <ResponsiveContainer width="100%" height="100%">
      <ComposedChart data={data} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
        <CartesianGrid strokeDasharray="3 3" stroke={theme.palette.divider} />
        <XAxis dataKey="month" tick={{ fontSize: 12 }} />
        <YAxis allowDecimals={false} tick={{ fontSize: 12 }} width={40} />
        <Tooltip />
        <Legend />
        <Bar dataKey="count" name={labels.count} fill={theme.palette.primary.main} maxBarSize={48} isAnimationActive={false} />
        <Line dataKey="resolved" name={labels.resolved} stroke={theme.palette.success.main} strokeWidth={2} isAnimationActive={false} />
        <Line dataKey="lastYear" name={labels.lastYear} stroke={theme.palette.warning.main} strokeDasharray="5 4" strokeWidth={2} isAnimationActive={false} />
      </ComposedChart>
    </ResponsiveContainer>
  );
}

export interface Slice {
  name: string;
  count: number;
  share: number;
}

/** Legend text of a slice: its name, count and share, so the values can be read without hovering. */
const sliceLegend = (slice: Slice) => `${slice.name}  ${slice.count}（${slice.share.toFixed(2)}%）`;

/** Shares of a breakdown as a doughnut: counts on the slices, name, count and share in the legend. */
export function ShareChart({ data, countLabel }: { data: Slice[]; countLabel: string }) {
  const shown = data.filter((d) => d.count > 0);
  return (
    <ResponsiveContainer width="100%" height="100%">
      <PieChart>
        <Pie data={shown} dataKey="count" nameKey="name" innerRadius="45%" outerRadius="75%" paddingAngle={1} isAnimationActive={false} label={{ fontSize: 12 }} labelLine={false}>
          {shown.map((slice, i) => (
            <Cell key={slice.name} fill={PALETTE[i % PALETTE.length]} />
          ))}
        </Pie>
        <Tooltip formatter={(value, _name, item) => [`${value}（${((item?.payload as Slice | undefined)?.share ?? 0).toFixed(2)}%）`, countLabel]} />
        <Legend
          layout="vertical"
          align="right"
          verticalAlign="middle"
          wrapperStyle={{ fontSize: 12, maxWidth: '45%' }}
          formatter={(_value, entry) => sliceLegend((entry as { payload?: Slice }).payload ?? { name: String(_value), count: 0, share: 0 })}
        />
      </PieChart>
    </ResponsiveContainer>
  );
}

/** Counts per label as horizontal bars, largest first. */
export function RankChart({ data, countLabel, colour }: { data: Slice[]; countLabel: string; colour?: string }) {
  const theme = useTheme();
  const shown = [...data].filter((d) => d.count > 0).sort((a, b) => b.count - a.count);
  return (
    <ResponsiveContainer width="100%" height="100%">
      <BarChart data={shown} layout="vertical" margin={{ top: 4, right: 24, bottom: 4, left: 8 }}>
        <CartesianGrid strokeDasharray="3 3" horizontal={false} stroke={theme.palette.divider} />
        <XAxis type="number" allowDecimals={false} tick={{ fontSize: 12 }} />
        <YAxis type="category" dataKey="name" width={150} tick={{ fontSize: 12 }} interval={0} />
        <Tooltip />
        <Bar dataKey="count" name={countLabel} fill={colour ?? theme.palette.primary.main} maxBarSize={22} isAnimationActive={false}>
          <LabelList dataKey="count" position="right" style={{ fontSize: 12 }} />
        </Bar>
      </BarChart>
    </ResponsiveContainer>
  );
}
