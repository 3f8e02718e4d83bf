import { Alert, Box, Button, Card, CardContent, Chip, Dialog, DialogActions, DialogContent, DialogTitle, LinearProgress, Stack, Table, TableBody, TableCell, TableHead, TableRow, TextField as MuiTextField, Typography } from '@mui/material';
import { useEffect, useState, type ReactNode } from 'react';
import {
  BooleanField,
  BooleanInput,
  Create,
  DataTable,
  List,
  ReferenceInput,
  AutocompleteInput,
  SelectArrayInput,
  SelectField,
  SimpleForm,
  TextInput,
  required,
  useGetList,
  useLocaleState,
  useNotify,
  useRecordContext,
  useRefresh,
  useTranslate,
  useCanAccess,
} from 'react-admin';
import { RecordShow, RecordEdit } from '../../common/RecordGone';
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { AckRates, CancelledAcknowledgements, PolicyDiffView, PolicyVersionView, VersionAction, VersionHistoryEntry } from '@xb/contracts/policies';
import { DateTimeField, formatDateTime } from '../../common/DateTimeField';
import { choicesOf, policiesApi, VERSION_STATUSES } from './api';
import { PlanInputs, PlanView } from './plan';

const statuses = choicesOf('status', VERSION_STATUSES);
const Column = DataTable.Col<PolicyVersionView>;

export function PolicyVersionList() {
  return (
    <List
      filters={[
        <ReferenceInput key="doc" source="documentId" reference="policy-documents" alwaysOn>
          <AutocompleteInput optionText="title" />
        </ReferenceInput>,
        <SelectArrayInput key="status" source="status" choices={statuses} />,
      ]}
      sort={{ field: 'createdAt', order: 'DESC' }}
      exporter={false}
    >
      <DataTable rowClick="show" bulkActionButtons={false}>
        <Column source="documentCode" disableSort />
        <Column source="documentTitle" disableSort />
        <Column source="number" />
        <Column source="status">
          <SelectField source="status" choices={statuses} />
        </Column>
        <Column source="material" disableSort>
          <BooleanField source="material" />
        </Column>
        <Column source="authorName" disableSort />
        <Column source="effectiveFrom" disableSort>
          <DateTimeField source="effectiveFrom" emptyText="—" />
        </Column>
      </DataTable>
    </List>
  );
}

function Panel({ title, children, testId }: { title: string; children: ReactNode; testId?: string }) {
  return (
    <Card variant="outlined" sx={{ mb: 2 }} data-testid={testId}>
      <CardContent>
        <Typography variant="subtitle1" sx={{ fontWeight: 600, mb: 1 }}>
          {title}
        </Typography>
        {children}
      </CardContent>
    </Card>
  );
}

/** The buttons the service offers this reader (`availableActions`); a verdict names the version's hash. */
function VersionActions({ v }: { v: PolicyVersionView }) {
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const [dialog, setDialog] = useState<VersionAction | null>(null);
  const [comment, setComment] = useState('');
  const [article, setArticle] = useState('');
  const run = async (action: VersionAction) => {
    const path = `/policy-versions/${v.id}`;
    try {
      if (action === 'submit' || action === 'publish' || action === 'retire') await policiesApi('POST', `${path}/${action}`);
      else if (action === 'acknowledge') await policiesApi('POST', `${path}/acknowledge`, { contentHash: v.contentHash });
      else if (action === 'finding') await policiesApi('POST', `${path}/findings`, { text: comment, ...(article ? { article } : {}) });
      else await policiesApi('POST', `${path}/review`, { verdict: action, contentHash: v.contentHash, ...(comment ? { comment } : {}), ...(article ? { article } : {}) });
      notify(`xb.policies.done.${action}`, { type: 'success' });
      setDialog(null);
      refresh();
    } catch (err) {
      notify((err as Error).message, { type: 'error' });
    }
  };
  const actions = v.availableActions.filter((a) => a !== 'edit');
  if (!actions.length) return null;
  return (
    <Stack direction="row" spacing={1} sx={{ mb: 2 }} data-testid="version-actions" data-available={actions.join(' ')}>
      {actions.map((a) => (
        <Button
          key={a}
          size="small"
          variant={a === 'approve' || a === 'acknowledge' || a === 'publish' ? 'contained' : 'outlined'}
          color={a === 'retire' || a === 'request_changes' ? 'warning' : 'primary'}
          data-testid={`action-${a}`}
          onClick={() => (a === 'approve' || a === 'request_changes' || a === 'finding' ? setDialog(a) : void run(a))}
        >
          {translate(`xb.policies.action.${a}`)}
        </Button>
      ))}
      <Dialog open={!!dialog} onClose={() => setDialog(null)} fullWidth>
        <DialogTitle>{dialog && translate(`xb.policies.action.${dialog}`)}</DialogTitle>
        <DialogContent>
          <Typography variant="body2" sx={{ mb: 1, fontFamily: 'monospace', wordBreak: 'break-all' }}>
            SHA-256 {v.contentHash}
          </Typography>
          <MuiTextField label={translate('xb.policies.article')} value={article} onChange={(e) => setArticle(e.target.value)} size="small" sx={{ mb: 1 }} placeholder="第五条" />
          <MuiTextField label={translate('xb.policies.comment')} value={comment} onChange={(e) => setComment(e.target.value)} multiline minRows={3} fullWidth inputProps={{ 'data-testid': 'review-comment' }} />
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setDialog(null)}>{translate('ra.action.cancel')}</Button>
          <Button variant="contained" data-testid="confirm-action" onClick={() => dialog && void run(dialog)} disabled={dialog === 'finding' && !comment.trim()}>
            {translate('ra.action.confirm')}
          </Button>
        </DialogActions>
      </Dialog>
    </Stack>
  );
}

/** Side by side: the older version on the left (equal + deleted), the newer on the right (equal + inserted). */
function DiffPanel({ v }: { v: PolicyVersionView }) {
  const translate = useTranslate();
  const { data: others } = useGetList<PolicyVersionView>('policy-versions', { filter: { documentId: v.documentId }, sort: { field: 'number', order: 'DESC' }, pagination: { page: 1, perPage: 50 } });
  const candidates = (others ?? []).filter((o) => o.id !== v.id);
  const [against, setAgainst] = useState<string>('');
  const [diff, setDiff] = useState<PolicyDiffView | null>(null);
  useEffect(() => {
    if (!against && candidates.length) setAgainst((candidates.find((c) => c.number < v.number) ?? candidates[0]).id);
  }, [against, candidates, v.number]);
  useEffect(() => {
    if (!against) return;
    let live = true;
    policiesApi<PolicyDiffView>('GET', `/policy-versions/${v.id}/diff?against=${against}`).then((d) => live && setDiff(d), () => live && setDiff(null));
    return () => {
      live = false;
    };
  }, [against, v.id]);
  if (!candidates.length) return null;
  const side = (segments: NonNullable<PolicyDiffView['diff']['rows'][number]['segments']>, keep: 'delete' | 'insert') =>
    segments
      .filter((s) => s.op === 'equal' || s.op === keep)
      .map((s, i) => (
        <span key={i} style={s.op === 'equal' ? undefined : { background: keep === 'delete' ? '#ffd7d5' : '#ccffd8', textDecoration: keep === 'delete' ? 'line-through' : undefined }}>
          {s.text}
        </span>
      ));
  return (
    <Panel title={translate('xb.policies.diff')} testId="diff-panel">
      <Stack direction="row" spacing={1} sx={{ mb: 1, alignItems: 'center' }}>
        <Typography variant="body2">{translate('xb.policies.against')}</Typography>
        {candidates.map((c) => (
          <Chip key={c.id} size="small" label={`v${c.number}`} color={c.id === against ? 'primary' : 'default'} onClick={() => setAgainst(c.id)} />
        ))}
        {diff && (
          <Typography variant="caption" color="text.secondary">
            {translate('xb.policies.diff_summary', diff.diff.summary)}
          </Typography>
        )}
      </Stack>
      {diff && (
        <Table size="small">
          <TableHead>
            <TableRow>
              <TableCell width="50%">v{diff.left.number}</TableCell>
              <TableCell width="50%">v{diff.right.number}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {diff.diff.rows
              .filter((r) => r.change !== 'unchanged' || r.renumbered)
              .map((r, i) => (
                <TableRow key={i} data-change={r.change}>
                  <TableCell sx={{ verticalAlign: 'top', background: r.change === 'deleted' ? '#fff0ef' : undefined }}>
                    {r.left && <b>{r.left.label} </b>}
                    {r.left && (r.segments ? side(r.segments, 'delete') : r.left.body)}
                  </TableCell>
                  <TableCell sx={{ verticalAlign: 'top', background: r.change === 'inserted' ? '#effff2' : undefined }}>
                    {r.right && <b>{r.right.label} </b>}
                    {r.renumbered && <Chip size="small" label={translate('xb.policies.renumbered')} sx={{ mr: 0.5 }} />}
                    {r.right && (r.segments ? side(r.segments, 'insert') : r.right.body)}
                  </TableCell>
                </TableRow>
              ))}
          </TableBody>
        </Table>
      )}
    </Panel>
  );
}

function ReviewPanel({ v }: { v: PolicyVersionView }) {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const [history, setHistory] = useState<VersionHistoryEntry[]>([]);
  useEffect(() => {
    policiesApi<VersionHistoryEntry[]>('GET', `/policy-versions/${v.id}/history`).then(setHistory, () => setHistory([]));
  }, [v.id, v.status, v.signOffs]);
  return (
    <Panel title={translate('xb.policies.review_thread')} testId="review-panel">
      <Stack direction="row" spacing={1} sx={{ mb: 1 }}>
        {v.signOffs.map((s, i) => (
          <Chip
            key={i}
            data-testid="signoff"
            color={s.given >= s.needed ? 'success' : 'default'}
            label={`${translate(`xb.policies.role.${s.role}`)}${s.ownerDepartment ? translate('xb.policies.owner_department') : ''} ${s.given}/${s.needed}`}
          />
        ))}
      </Stack>
      {history.map((h, i) => (
        <Box key={i} sx={{ borderLeft: 2, borderColor: 'divider', pl: 1, mb: 1 }}>
          <Typography variant="body2">
            <b>{translate(`xb.policies.history.${h.kind}`)}</b> · {h.actorName ?? '—'} · {formatDateTime(h.at, locale)}
            {h.article ? ` · ${h.article}` : ''}
          </Typography>
          {h.comment && <Typography variant="body2">{h.comment}</Typography>}
          {h.contentHash && (
            <Typography variant="caption" color="text.secondary" sx={{ fontFamily: 'monospace' }}>
              {h.contentHash.slice(0, 16)}…
            </Typography>
          )}
        </Box>
      ))}
    </Panel>
  );
}

/** 阅知率 by unit (bar chart, rolled up the tree) with the unread list; live from the service. */
function RatesPanel({ v }: { v: PolicyVersionView }) {
  const translate = useTranslate();
  const [rates, setRates] = useState<AckRates | null>(null);
  useEffect(() => {
    policiesApi<AckRates>('GET', `/policy-acknowledgements/rates?documentId=${v.documentId}`).then(setRates, () => setRates(null));
  }, [v.documentId, v.acknowledged]);
  if (!rates || rates.versionId !== v.id) return null;
  const units = rates.units.filter((u) => u.depth <= 2);
  return (
    <Panel title={translate('xb.policies.rates')} testId="rates-panel">
      <Typography variant="h5" data-testid="ack-rate" data-acknowledged={rates.acknowledged} data-audience={rates.audience}>
        {Math.round(rates.rate * 1000) / 10}% ({rates.acknowledged}/{rates.audience})
      </Typography>
      <LinearProgress variant="determinate" value={rates.rate * 100} sx={{ my: 1 }} aria-label={translate('xb.policies.rates')} />
      <Box sx={{ height: Math.max(160, units.length * 28) }}>
        <ResponsiveContainer>
          <BarChart data={units.map((u) => ({ name: u.name, rate: Math.round(u.rate * 1000) / 10 }))} layout="vertical" margin={{ left: 60 }}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis type="number" domain={[0, 100]} unit="%" />
            <YAxis type="category" dataKey="name" width={120} />
            <Tooltip />
            <Bar dataKey="rate" fill="#1976d2" />
          </BarChart>
        </ResponsiveContainer>
      </Box>
      <Typography variant="subtitle2" sx={{ mt: 1 }}>
        {translate('xb.policies.unread')} ({rates.audience - rates.acknowledged})
      </Typography>
      <Typography variant="body2" data-testid="unread">
        {rates.unread.map((u) => `${u.displayName}（${u.orgUnitName}）`).join('、') || '—'}
      </Typography>
    </Panel>
  );
}

/** 阅知任务取消记录: tasks of this version that ended unread (left the audience, superseded, retired, no longer required). */
function CancelledPanel({ v }: { v: PolicyVersionView }) {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const [data, setData] = useState<CancelledAcknowledgements | null>(null);
  useEffect(() => {
    policiesApi<CancelledAcknowledgements>('GET', `/policy-versions/${v.id}/cancelled-acknowledgements`).then(setData, () => setData(null));
  }, [v.id, v.status]);
  if (!data || !data.total) return null;
  return (
    <Panel title={`${translate('xb.policies.cancelled.title')} (${data.total})`} testId="cancelled-panel">
      <Table size="small">
        <TableHead>
          <TableRow>
            <TableCell>{translate('xb.policies.cancelled.who')}</TableCell>
            <TableCell>{translate('xb.policies.cancelled.unit')}</TableCell>
            <TableCell>{translate('xb.policies.cancelled.reason')}</TableCell>
            <TableCell>{translate('xb.policies.cancelled.at')}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {data.items.map((c) => (
            <TableRow key={c.id} data-testid="cancelled-task">
              <TableCell>
                {c.displayName} ({c.username})
              </TableCell>
              <TableCell>{c.orgUnitName ?? '—'}</TableCell>
              <TableCell>{translate(`xb.policies.cancelled.reasons.${c.reason}`)}</TableCell>
              <TableCell>{formatDateTime(c.at, locale)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Panel>
  );
}

function VersionBody() {
  const v = useRecordContext<PolicyVersionView>();
  const translate = useTranslate();
  if (!v) return null;
  return (
    <Box sx={{ p: 2 }}>
      <Stack direction="row" spacing={1} sx={{ mb: 1, alignItems: 'center' }}>
        <Typography variant="h6">
          {v.documentCode} 《{v.documentTitle}》 v{v.number}
        </Typography>
        <Chip size="small" label={translate(`xb.policies.status.${v.status}`)} data-testid="version-status" />
        {v.material && <Chip size="small" color="warning" label={translate('xb.policies.material')} />}
        {v.acknowledged && <Chip size="small" color="success" label={translate('xb.policies.acknowledged')} data-testid="acknowledged" />}
      </Stack>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
        {v.changeSummary} · {v.authorName} · SHA-256 <span style={{ fontFamily: 'monospace' }}>{v.contentHash.slice(0, 16)}…</span>
      </Typography>
      <VersionActions v={v} />
      {v.status === 'returned' && <Alert severity="warning">{translate('xb.policies.returned_hint')}</Alert>}
      <Panel title={translate('xb.policies.content')}>
        <Typography component="pre" sx={{ whiteSpace: 'pre-wrap', fontFamily: 'inherit', m: 0 }} data-testid="version-content">
          {v.content}
        </Typography>
      </Panel>
      {v.plan && <PlanView plan={v.plan} />}
      <DiffPanel v={v} />
      <RatesPanelGuard v={v} />
      <ReviewPanel v={v} />
    </Box>
  );
}

/** Rates only for those the table lets read them (admin, auditor); the service checks again. */
function RatesPanelGuard({ v }: { v: PolicyVersionView }) {
  const { canAccess } = useCanAccess({ resource: 'policy-acknowledgements', action: 'rates' });
  if (!canAccess) return null;
  return (
    <>
      {v.status === 'published' && <RatesPanel v={v} />}
      {['published', 'superseded', 'retired'].includes(v.status) && <CancelledPanel v={v} />}
    </>
  );
}

/** The plan structure only when filled in (emergency plans); other documents' versions carry none. */
const dropEmptyPlan = (data: Record<string, unknown>) => {
  const plan = data.plan as { businessType?: string } | undefined;
  return plan?.businessType ? data : { ...data, plan: undefined };
};

export function PolicyVersionShow() {
  return (
    <RecordShow actions={false}>
      <VersionBody />
    </RecordShow>
  );
}

export function PolicyVersionCreate() {
  return (
    <Create redirect="show" transform={dropEmptyPlan}>
      <SimpleForm defaultValues={{ material: true }}>
        <ReferenceInput source="documentId" reference="policy-documents">
          <AutocompleteInput optionText="title" validate={required()} />
        </ReferenceInput>
        <TextInput source="changeSummary" validate={required()} fullWidth />
        <BooleanInput source="material" />
        <TextInput source="content" multiline minRows={12} fullWidth validate={required()} />
        <PlanInputs />
      </SimpleForm>
    </Create>
  );
}

export function PolicyVersionEdit() {
  return (
    <RecordEdit redirect="show" mutationMode="pessimistic" transform={dropEmptyPlan}>
      <SimpleForm>
        <TextInput source="changeSummary" validate={required()} fullWidth />
        <BooleanInput source="material" />
        <TextInput source="content" multiline minRows={12} fullWidth validate={required()} />
        <PlanInputs />
      </SimpleForm>
    </RecordEdit>
  );
}
