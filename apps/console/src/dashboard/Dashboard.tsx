import { Box, Card, CardActions, CardContent, Chip, Grid, Stack, Typography } from '@mui/material';
import {
  Button,
  Link,
  Title,
  useCanAccess,
  useGetList,
  useGetOne,
  useTranslate,
} from 'react-admin';
import { session } from '../providers/session';
import { CLOCK_RUNNING_STATUSES, type ComplaintView, type OrgUnitView } from '../types';

/**
 * Overdue complaints are counted on the first page of open complaints sorted by due date,
 * overdue ones first: exact while fewer than this many are overdue, "at least" beyond.
 * (The list API has no `overdue` filter yet.)
 */
const OVERDUE_SCAN = 200;

// Open = the time limit still runs: not yet decided, or decided but the customer not yet told.
const openFilter = { status: [...CLOCK_RUNNING_STATUSES] };
const complaintsLink = (filter: object) => ({
  pathname: '/complaints',
  search: `?filter=${encodeURIComponent(JSON.stringify(filter))}`,
});

function Figure({ label, value, tone, testId }: { label: string; value: string; tone?: 'error'; testId: string }) {
  return (
    <Box>
      <Typography variant="body2" color="text.secondary">
        {label}
      </Typography>
      <Typography variant="h3" color={tone === 'error' ? 'error' : 'text.primary'} data-testid={testId}>
        {value}
      </Typography>
    </Box>
  );
}

function ComplaintCounts() {
  const translate = useTranslate();
  const { canAccess: hasQueue } = useCanAccess({ resource: 'complaint-queue', action: 'list' });
  const { data, total, isPending, error } = useGetList<ComplaintView>('complaints', {
    filter: openFilter,
    pagination: { page: 1, perPage: OVERDUE_SCAN },
    sort: { field: 'dueAt', order: 'ASC' },
  });

  let open = '…';
  let overdue = '…';
  if (error) {
    open = overdue = '—';
  } else if (!isPending && data) {
    open = String(total ?? data.length);
    const overdueCount = data.filter((c) => c.overdue).length;
    overdue =
      overdueCount === data.length && (total ?? 0) > data.length
        ? translate('xb.dashboard.overdue_at_least', { count: overdueCount })
        : String(overdueCount);
  }

  return (
    <Card>
      <CardContent>
        <Typography variant="h6" gutterBottom>
          {translate('xb.dashboard.complaints_title')}
        </Typography>
        {error ? (
          <Typography color="error">{translate('xb.dashboard.load_error')}</Typography>
        ) : (
          <Stack direction="row" spacing={6}>
            <Figure label={translate('xb.dashboard.open')} value={open} testId="count-open" />
            <Figure label={translate('xb.dashboard.overdue')} value={overdue} tone="error" testId="count-overdue" />
          </Stack>
        )}
      </CardContent>
      <CardActions>
        <Button component={Link} to={complaintsLink(openFilter)} label="xb.dashboard.view" />
        {hasQueue && <Button component={Link} to="/complaint-queue" label="xb.dashboard.my_queue" />}
      </CardActions>
    </Card>
  );
}

export function Dashboard() {
  const translate = useTranslate();
  const user = session.getUser();
  const { data: orgUnit } = useGetOne<OrgUnitView>(
    'org-units',
    { id: user?.orgUnitId ?? '' },
    { enabled: !!user?.orgUnitId },
  );
  const { canAccess: seesComplaints } = useCanAccess({ resource: 'complaints', action: 'list' });

  if (!user) return null;
  return (
    <Box sx={{ mt: 2 }}>
      <Title title="ra.page.dashboard" />
      <Grid container spacing={2}>
        <Grid size={{ xs: 12, md: 6 }}>
          <Card>
            <CardContent>
              <Typography variant="h5" gutterBottom data-testid="welcome">
                {translate('xb.dashboard.welcome', { name: user.displayName || user.username })}
              </Typography>
              <Typography variant="body2" color="text.secondary">
                {translate('xb.dashboard.org_unit')}
              </Typography>
              <Typography variant="body1" gutterBottom>
                {orgUnit ? `${orgUnit.name} (${orgUnit.code})` : '…'}
              </Typography>
              <Typography variant="body2" color="text.secondary">
                {translate('xb.dashboard.roles')}
              </Typography>
              <Stack direction="row" spacing={1} sx={{ mt: 0.5, flexWrap: 'wrap' }}>
                {user.roles.map((role) => (
                  <Chip key={role} label={translate(`xb.roles.${role}`)} size="small" color="primary" variant="outlined" />
                ))}
              </Stack>
            </CardContent>
          </Card>
        </Grid>
        <Grid size={{ xs: 12, md: 6 }}>
          {seesComplaints ? (
            <ComplaintCounts />
          ) : (
            <Stack spacing={2}>
              <Card>
                <CardContent>
                  <Typography variant="h6" gutterBottom>
                    {translate('resources.case-archive.name', { smart_count: 2 })}
                  </Typography>
                  <Typography variant="body2" color="text.secondary">
                    {translate('xb.dashboard.case_archive_hint')}
                  </Typography>
                </CardContent>
                <CardActions>
                  <Button component={Link} to="/case-archive" label="xb.dashboard.view" />
                </CardActions>
              </Card>
              <Card>
                <CardContent>
                  <Typography color="text.secondary">{translate('xb.dashboard.modules_coming')}</Typography>
                </CardContent>
              </Card>
            </Stack>
          )}
        </Grid>
      </Grid>
    </Box>
  );
}
