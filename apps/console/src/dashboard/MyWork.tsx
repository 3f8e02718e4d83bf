import { Box, Card, CardActions, CardContent, Chip, Grid, List, ListItem, ListItemText, Typography } from '@mui/material';
import type { ActivityView } from '@xb/contracts/campaigns';
import type { InspectionView, RectificationView } from '@xb/contracts/inspections';
import type { AcknowledgementTask, PolicyVersionView } from '@xb/contracts/policies';
import type { ExamView, MyTrainingView } from '@xb/contracts/training';
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { Button, Link, useCanAccess, useGetList, useLocaleState, useTranslate } from 'react-admin';
import { formatDateTime, formatDay } from '../common/DateTimeField';
import { ExamProgressBar } from '../modules/training/ExamProgressBar';
import { API_URL, httpClient } from '../providers/http-client';
import { CLOCK_RUNNING_STATUSES, type ComplaintView } from '../types';

/** Rows listed per card; the card's link opens the whole list. */
const ROWS = 5;
/** Open complaints scanned for extensions awaiting approval (the list API has no extension filter). */
const EXTENSION_SCAN = 200;
/** A visit still to do by its inspector: planned, started, or returned by the reviewer. */
const TODO_VISITS = ['returned', 'in_progress', 'planned'];

const listLink = (path: string, filter: object) => ({ pathname: path, search: `?filter=${encodeURIComponent(JSON.stringify(filter))}` });

/** A GET of one of the API's own routes (not a react-admin list), for one card. */
function useApi<T>(path: string, enabled: boolean): { data: T | undefined; failed: boolean } {
  const [state, setState] = useState<{ data: T | undefined; failed: boolean }>({ data: undefined, failed: false });
  useEffect(() => {
    if (!enabled) return undefined;
    let alive = true;
    httpClient(`${API_URL}${path}`).then(
      ({ json }) => alive && setState({ data: json as T, failed: false }),
      () => alive && setState({ data: undefined, failed: true }),
    );
    return () => {
      alive = false;
    };
  }, [path, enabled]);
  return state;
}

interface Line {
  key: string;
  text: ReactNode;
  secondary?: ReactNode;
  to?: string;
}

/**
 * One card of the home page: a title with the count, up to ROWS lines (each linked), an
 * empty sentence when there is nothing, and a link to the whole list.
 */
function WorkCard({ testId, title, count, lines, empty, link, failed }: { testId: string; title: string; count: number | undefined; lines?: Line[]; empty: string; link: string | ReturnType<typeof listLink>; failed?: boolean }) {
  const translate = useTranslate();
  return (
    <Card data-testid={testId} sx={{ height: '100%', display: 'flex', flexDirection: 'column' }}>
      <CardContent sx={{ pb: 0, flex: 1 }}>
        <Typography variant="subtitle1" sx={{ fontWeight: 600, lineHeight: 1.4 }}>
          {translate(title)}
          {count !== undefined && <Chip size="small" sx={{ ml: 1 }} color={count > 0 ? 'primary' : 'default'} label={count} data-testid={`${testId}-count`} />}
        </Typography>
        {failed ? (
          <Typography variant="body2" color="error" sx={{ py: 1 }}>
            {translate('xb.dashboard.load_failed')}
          </Typography>
        ) : count === undefined ? (
          <Typography color="text.secondary">…</Typography>
        ) : count === 0 ? (
          <Typography variant="body2" color="text.secondary" sx={{ py: 1 }} data-testid={`${testId}-empty`}>
            {translate(empty)}
          </Typography>
        ) : (
          lines && (
            <List dense disablePadding>
              {lines.slice(0, ROWS).map((line) => (
                <ListItem key={line.key} disableGutters dense>
                  <ListItemText
                    primary={line.to ? <Link to={line.to}>{line.text}</Link> : line.text}
                    secondary={line.secondary}
                    slotProps={{ primary: { noWrap: true }, secondary: { noWrap: true } }}
                  />
                </ListItem>
              ))}
            </List>
          )
        )}
      </CardContent>
      <CardActions>
        <Button component={Link} to={link} label="xb.dashboard.view_all" />
      </CardActions>
    </Card>
  );
}

const complaintLine = (c: ComplaintView): Line => ({
  key: c.id,
  text: c.reference,
  secondary: c.assignedUnitName ?? c.orgUnitName,
  to: `/complaints/${encodeURIComponent(c.id)}/show`,
});

/**
 * 待我审批: what waits for the user's decision in complaints — closures after the
 * follow-up (回访结案: replied, and the service offers the user `close`) and complaints
 * extended once whose further extension only the user may approve (the service offers
 * `extend` at level 1 to the approver alone). Both read from `availableActions`, so the
 * card shows exactly what the service would let this user do.
 */
function ComplaintApprovals() {
  const { data: replied, total: repliedTotal } = useGetList<ComplaintView>('complaints', {
    filter: { status: 'replied' },
    pagination: { page: 1, perPage: 50 },
    sort: { field: 'dueAt', order: 'ASC' },
  });
  const { data: open } = useGetList<ComplaintView>('complaints', {
    filter: { status: [...CLOCK_RUNNING_STATUSES] },
    pagination: { page: 1, perPage: EXTENSION_SCAN },
    sort: { field: 'dueAt', order: 'ASC' },
  });
  const closures = replied?.filter((c) => c.availableActions?.includes('close'));
  const extensions = open?.filter((c) => c.extensionLevel === 1 && c.availableActions?.includes('extend'));
  const count = closures && extensions ? closures.length + extensions.length : undefined;
  const translate = useTranslate();
  const lines: Line[] = [
    ...(extensions ?? []).map((c) => ({ ...complaintLine(c), secondary: `${translate('xb.dashboard.approval_extension')} · ${c.assignedUnitName ?? c.orgUnitName}` })),
    ...(closures ?? []).map((c) => ({ ...complaintLine(c), secondary: `${translate('xb.dashboard.approval_closure')} · ${c.assignedUnitName ?? c.orgUnitName}` })),
  ];
  // Closures beyond the first page of replied complaints are counted by the list's total.
  const more = repliedTotal !== undefined && replied && repliedTotal > replied.length ? repliedTotal - replied.length : 0;
  return (
    <WorkCard
      testId="approvals"
      title="xb.dashboard.approvals"
      count={count === undefined ? undefined : count + more}
      lines={lines}
      empty="xb.dashboard.approvals_none"
      link={listLink('/complaints', { status: 'replied' })}
    />
  );
}

/** 培训测评: my exams open now or started and not finished. */
function TrainingCard() {
  const { data, failed } = useApi<MyTrainingView>('/training/my', true);
  const translate = useTranslate();
  const due = data?.exams.filter((e) => e.state === 'open' || e.state === 'in_progress');
  return (
    <WorkCard
      testId="work-training"
      title="xb.dashboard.training"
      count={due?.length}
      failed={failed}
      lines={due?.map((e) => ({ key: e.id, text: e.title, secondary: translate(e.state === 'in_progress' ? 'xb.dashboard.training_started' : 'xb.dashboard.training_open'), to: '/training/my' }))}
      empty="xb.dashboard.training_none"
      link="/training/my"
    />
  );
}

/** 进行中的考试: published exams open now that the user manages, closing soonest first, with how far their audience has got. */
function RunningExamsCard() {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const now = useMemo(() => new Date().toISOString(), []);
  const { data, error } = useGetList<ExamView>('exams', { filter: { status: 'published' }, pagination: { page: 1, perPage: 50 }, sort: { field: 'closesAt', order: 'ASC' } });
  const running = data?.filter((e) => e.opensAt <= now && e.closesAt > now && e.kind !== 'practice');
  return (
    <WorkCard
      testId="work-exams"
      title="xb.dashboard.exams_running"
      count={error ? undefined : running?.length}
      failed={!!error}
      lines={running?.map((e) => ({
        key: e.id,
        text: e.title,
        secondary: (
          <>
            {translate('xb.dashboard.exams_closes', { at: formatDateTime(e.closesAt, locale) })}
            <ExamProgressBar progress={e.progress} />
          </>
        ),
        to: `/training/results/${encodeURIComponent(e.id)}`,
      }))}
      empty="xb.dashboard.exams_running_none"
      link={listLink('/exams', { status: 'published' })}
    />
  );
}

/** 审阅会签: policy versions in review that wait for the user's verdict (the service offers `approve` or `request_changes`). */
function PolicyReviewsCard() {
  const translate = useTranslate();
  const { data, error } = useGetList<PolicyVersionView>('policy-versions', { filter: { status: 'in_review' }, pagination: { page: 1, perPage: 50 }, sort: { field: 'createdAt', order: 'ASC' } });
  const mine = data?.filter((v) => v.availableActions.includes('approve') || v.availableActions.includes('request_changes'));
  return (
    <WorkCard
      testId="work-policy-reviews"
      title="xb.dashboard.policy_reviews"
      count={error ? undefined : mine?.length}
      failed={!!error}
      lines={mine?.map((v) => ({
        key: v.id,
        text: `${v.documentTitle} v${v.number}`,
        secondary: v.changeSummary || translate('xb.dashboard.policy_reviews_submitted'),
        to: `/policy-versions/${encodeURIComponent(v.id)}/show`,
      }))}
      empty="xb.dashboard.policy_reviews_none"
      link={listLink('/policy-versions', { status: 'in_review' })}
    />
  );
}

/** 制度学习: current versions I must still acknowledge. */
function PoliciesCard() {
  const { data, failed } = useApi<AcknowledgementTask[]>('/policy-acknowledgements/tasks', true);
  const translate = useTranslate();
  const [locale] = useLocaleState();
  return (
    <WorkCard
      testId="work-policies"
      title="xb.dashboard.policies"
      count={data?.length}
      failed={failed}
      lines={data?.map((t) => ({ key: t.versionId, text: `${t.documentTitle}`, secondary: `${t.documentCode} · ${translate(t.overdue ? 'xb.dashboard.policies_overdue' : 'xb.dashboard.policies_due', { day: formatDay(t.dueAt, locale) })}`, to: '/policy-reading' }))}
      empty="xb.dashboard.policies_none"
      link="/policy-reading"
    />
  );
}

/** 整改: rectifications to fix (the owning unit's handlers) or fixes to verify (inspectors), earliest deadline first. */
function RectificationsCard({ verify }: { verify: boolean }) {
  const status = verify ? 'fix_submitted' : 'open';
  const translate = useTranslate();
  const { data, total, error } = useGetList<RectificationView>('rectifications', { filter: { status }, pagination: { page: 1, perPage: ROWS }, sort: { field: 'deadline', order: 'ASC' } });
  return (
    <WorkCard
      testId="work-rectifications"
      title={verify ? 'xb.dashboard.rectifications_verify' : 'xb.dashboard.rectifications_fix'}
      count={error ? undefined : total}
      failed={!!error}
      lines={data?.map((r) => ({
        key: r.id,
        text: r.itemText,
        secondary: `${r.outletName} · ${translate(r.overdue ? 'xb.dashboard.rectifications_overdue' : 'xb.dashboard.rectifications_deadline', { day: r.deadline })}`,
        to: `/rectifications/${encodeURIComponent(r.id)}/show`,
      }))}
      empty="xb.dashboard.rectifications_none"
      link={listLink('/rectifications', { status })}
    />
  );
}

/**
 * 我的暗访: the inspector's own visits still to do — planned, started, or returned by the
 * reviewer (shown with the reason) — by planned date. Each opens the visit screen when the
 * service lets the inspector fill it in.
 */
function VisitsCard() {
  const translate = useTranslate();
  const { data, total, error } = useGetList<InspectionView>('inspections', {
    filter: { mine: true, status: TODO_VISITS },
    pagination: { page: 1, perPage: ROWS },
    sort: { field: 'plannedDate', order: 'ASC' },
  });
  return (
    <WorkCard
      testId="work-visits"
      title="xb.dashboard.visits"
      count={error ? undefined : total}
      failed={!!error}
      lines={data?.map((v) => ({
        key: v.id,
        text: `${v.outletName} · ${v.scenario}`,
        secondary:
          v.status === 'returned'
            ? translate('xb.dashboard.visits_returned', { reason: v.returnReason ?? '' })
            : `${translate(v.timeliness === 'on_time' ? 'xb.dashboard.visits_planned' : 'xb.dashboard.visits_late', { day: v.plannedDate })} · ${translate(`xb.inspections.status.${v.status}`)}`,
        to: v.availableActions.includes('save') || v.availableActions.includes('submit') ? `/inspections/${encodeURIComponent(v.id)}/visit` : `/inspections/${encodeURIComponent(v.id)}/show`,
      }))}
      empty="xb.dashboard.visits_none"
      link={listLink('/inspections', { mine: true, status: TODO_VISITS })}
    />
  );
}

/** 宣传活动: reported activities waiting for my verification, oldest first. */
function CampaignsCard() {
  const { data, total, error } = useGetList<ActivityView>('campaign-activities', { filter: { toVerify: true }, pagination: { page: 1, perPage: ROWS }, sort: { field: 'date', order: 'ASC' } });
  return (
    <WorkCard
      testId="work-campaigns"
      title="xb.dashboard.campaigns"
      count={error ? undefined : total}
      failed={!!error}
      lines={data?.map((a) => ({ key: a.id, text: a.campaignName, secondary: `${a.orgUnitName} · ${a.date}`, to: `/campaign-activities/${encodeURIComponent(a.id)}/show` }))}
      empty="xb.dashboard.campaigns_none"
      link="/campaign-verification"
    />
  );
}

/**
 * The home page's "my work": approvals waiting for the user, then one card per module the
 * user's roles may use (the permissions table decides, as for the menu), each with a count,
 * its first lines and a link, read from the modules' own API routes.
 */
export function MyWork() {
  const translate = useTranslate();
  // Closing after the follow-up is the approval every worker of complaints may give; readers
  // such as auditors have none to give, so they get no (always empty) approvals card.
  const { canAccess: approvesComplaints } = useCanAccess({ resource: 'complaints', action: 'close' });
  const { canAccess: training } = useCanAccess({ resource: 'training-my', action: 'list' });
  const { canAccess: runsExams } = useCanAccess({ resource: 'exams', action: 'create' });
  const { canAccess: policies } = useCanAccess({ resource: 'policy-acknowledgements', action: 'list' });
  const { canAccess: signsOff } = useCanAccess({ resource: 'policy-versions', action: 'sign-off' });
  // Inspectors log visits; the admin, who also may, reviews them instead and finds them on the inspections list.
  const { canAccess: logsVisits } = useCanAccess({ resource: 'inspections', action: 'log' });
  const { canAccess: reviewsVisits } = useCanAccess({ resource: 'inspections', action: 'review' });
  const { canAccess: rectifications } = useCanAccess({ resource: 'rectifications', action: 'list' });
  const { canAccess: fixes } = useCanAccess({ resource: 'rectifications', action: 'fix' });
  const { canAccess: verifies } = useCanAccess({ resource: 'rectifications', action: 'verify' });
  const { canAccess: campaigns } = useCanAccess({ resource: 'campaign-activities', action: 'verify' });
  const cards: [string, ReactNode][] = [];
  if (approvesComplaints) cards.push(['approvals', <ComplaintApprovals />]);
  if (training) cards.push(['training', <TrainingCard />]);
  if (runsExams) cards.push(['exams', <RunningExamsCard />]);
  if (signsOff) cards.push(['policy-reviews', <PolicyReviewsCard />]);
  if (policies) cards.push(['policies', <PoliciesCard />]);
  if (logsVisits && !reviewsVisits) cards.push(['visits', <VisitsCard />]);
  if (rectifications && (fixes || verifies)) cards.push(['rectifications', <RectificationsCard verify={!!verifies && !fixes} />]);
  if (campaigns) cards.push(['campaigns', <CampaignsCard />]);
  if (cards.length === 0) return null;
  return (
    <Box sx={{ mt: 3 }} data-testid="my-work">
      <Typography variant="h6" sx={{ mb: 1 }}>
        {translate('xb.dashboard.my_work')}
      </Typography>
      <Grid container spacing={2}>
        {cards.map(([key, card]) => (
          <Grid key={key} size={{ xs: 12, sm: 6, lg: 'grow' }} sx={{ minWidth: { lg: 200 } }}>
            {card}
          </Grid>
        ))}
      </Grid>
    </Box>
  );
}
