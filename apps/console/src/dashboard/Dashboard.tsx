import { Box, Card, CardActions, CardContent, Chip, Grid, List, ListItem, ListItemText, Stack, Typography } from '@mui/material';
import { useCodeLabel } from '../modules/complaints/complaints/complaint-codes';
import { SlaBadge } from '../modules/complaints/complaints/SlaBadge';
import { RecordContextProvider } from 'react-admin';
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
import { MyWork } from './MyWork';
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

/** Rows shown per attention list; the "all" link opens the full list. */
const ATTENTION_ROWS = 5;
/** "Due soon" horizon (the 督办 board's, and the SLA badge's amber). */
const DUE_SOON_DAYS = 3;

/** One complaint as a line of an attention list: reference (linked), category and unit, the SLA badge. */
function AttentionRow({ complaint }: { complaint: ComplaintView }) {
  const category = useCodeLabel('businessCategories');
  return (
    <RecordContextProvider value={complaint}>
      <ListItem disableGutters dense secondaryAction={<SlaBadge />} data-testid="attention-row">
        <ListItemText
          primary={<Link to={`/complaints/${encodeURIComponent(complaint.id)}/show`}>{complaint.reference}</Link>}
          secondary={`${category(complaint.businessCategory)} · ${complaint.assignedUnitName ?? complaint.orgUnitName}`}
          slotProps={{ secondary: { noWrap: true, sx: { pr: 14 } } }}
        />
      </ListItem>
    </RecordContextProvider>
  );
}

function AttentionCard({ title, items, total, link, testId, empty }: { title: string; items: ComplaintView[] | undefined; total?: number; link: string | ReturnType<typeof complaintsLink>; testId: string; empty: string }) {
  const translate = useTranslate();
  return (
    <Card data-testid={testId} sx={{ height: '100%' }}>
      <CardContent sx={{ pb: 0 }}>
        <Typography variant="h6">
          {translate(title)}
          {items && (
            <Chip size="small" sx={{ ml: 1 }} color={testId === 'attention-overdue' && (total ?? items.length) > 0 ? 'error' : 'default'} label={total ?? items.length} data-testid={`${testId}-count`} />
          )}
        </Typography>
        {!items ? (
          <Typography color="text.secondary">…</Typography>
        ) : items.length === 0 ? (
          <Typography variant="body2" color="text.secondary" sx={{ py: 1 }}>
            {translate(empty)}
          </Typography>
        ) : (
          <List dense disablePadding>
            {items.slice(0, ATTENTION_ROWS).map((c) => (
              <AttentionRow key={c.id} complaint={c} />
            ))}
          </List>
        )}
      </CardContent>
      <CardActions>
        <Button component={Link} to={link} label="xb.dashboard.view_all" />
      </CardActions>
    </Card>
  );
}

/**
 * What needs attention, per role: overdue complaints, those due within 3 days (both in the
 * user's scope), and — for those who work complaints — the ones waiting for the user's own
 * action (assigned to them, open). Each with links to the complaint and to the whole list.
 */
function Attention() {
  const { canAccess: hasQueue } = useCanAccess({ resource: 'complaint-queue', action: 'list' });
  const { canAccess: hasBoard } = useCanAccess({ resource: 'complaint-supervision', action: 'list' });
  const { data } = useGetList<ComplaintView>('complaints', {
    filter: openFilter,
    pagination: { page: 1, perPage: OVERDUE_SCAN },
    sort: { field: 'dueAt', order: 'ASC' },
  });
  const { data: mine, total: mineTotal } = useGetList<ComplaintView>(
    'complaint-queue',
    { filter: { mine: true }, pagination: { page: 1, perPage: ATTENTION_ROWS }, sort: { field: 'dueAt', order: 'ASC' } },
    { enabled: hasQueue === true },
  );
  const overdue = data?.filter((c) => c.overdue);
  const dueSoon = data?.filter((c) => !c.overdue && c.daysLeft !== null && c.daysLeft <= DUE_SOON_DAYS);
  const boardLink = hasBoard ? '/complaint-supervision' : complaintsLink(openFilter);
  return (
    <Grid container spacing={2} sx={{ mt: 0 }} data-testid="attention">
      <Grid size={{ xs: 12, md: hasQueue ? 4 : 6 }}>
        <AttentionCard title="xb.dashboard.attention_overdue" items={overdue} link={boardLink} testId="attention-overdue" empty="xb.dashboard.attention_none" />
      </Grid>
      <Grid size={{ xs: 12, md: hasQueue ? 4 : 6 }}>
        <AttentionCard title="xb.dashboard.attention_due_soon" items={dueSoon} link={boardLink} testId="attention-due-soon" empty="xb.dashboard.attention_none" />
      </Grid>
      {hasQueue && (
        <Grid size={{ xs: 12, md: 4 }}>
          <AttentionCard title="xb.dashboard.attention_mine" items={mine} total={mineTotal} link={`/complaint-queue?filter=${encodeURIComponent(JSON.stringify({ mine: true }))}`} testId="attention-mine" empty="xb.dashboard.attention_mine_none" />
        </Grid>
      )}
    </Grid>
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
            </Stack>
          )}
        </Grid>
      </Grid>
      {seesComplaints && <Attention />}
      <MyWork />
    </Box>
  );
}
