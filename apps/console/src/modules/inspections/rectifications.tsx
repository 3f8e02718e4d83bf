import BuildIcon from '@mui/icons-material/Build';
import { Alert, Box, Card, CardContent, Chip, Stack, TextField, Typography } from '@mui/material';
import { useState } from 'react';
import { BooleanInput, Button, DataTable, List, SelectInput, useDataProvider, useNotify, useRecordContext, useRefresh, useTranslate } from 'react-admin';
import { StoredFiles } from '../../common/attachments/Attachments';
import { RecordShow } from '../../common/RecordGone';
import type { XbDataProvider } from '../../providers/data-provider';
import { bankToday, inspectionsApi, type RectificationView } from './api';

const STATUSES = ['open', 'fix_submitted', 'verified'];

function DeadlineChip({ r }: { r: RectificationView }) {
  const translate = useTranslate();
  if (r.status === 'verified') return <Chip size="small" color="success" label={translate('xb.inspections.rect_status.verified')} />;
  if (r.overdue) return <Chip size="small" color="error" label={translate(r.escalatedAt ? 'xb.inspections.escalated' : 'xb.inspections.overdue')} />;
  if (r.deadline === bankToday()) return <Chip size="small" color="warning" label={translate('xb.inspections.due_today')} />;
  return null;
}

const filters = [
  <SelectInput key="status" source="status" choices={STATUSES.map((s) => ({ id: s, name: `xb.inspections.rect_status.${s}` }))} alwaysOn />,
  <BooleanInput key="overdue" source="overdue" />,
];
const Column = DataTable.Col<RectificationView>;

/** 整改看板: deadlines first, overdue and escalated ones flagged. */
export function RectificationList() {
  const translate = useTranslate();
  return (
    <List filters={filters} sort={{ field: 'deadline', order: 'ASC' }} exporter={false}>
      <DataTable rowClick="show" bulkActionButtons={false}>
        <Column source="outletName" disableSort />
        <Column source="itemText" disableSort render={(r) => (
          <span>
            {r.itemText} {r.redLine ? <Chip size="small" color="error" variant="outlined" label={translate('xb.inspections.red_line')} /> : null}
          </span>
        )} />
        <Column source="ownerUnitName" disableSort />
        <Column source="deadline" render={(r) => (
          <Stack direction="row" spacing={0.5} sx={{ alignItems: 'center' }}>
            <span>{r.immediate ? translate('xb.inspections.immediate') : r.deadline}</span>
            <DeadlineChip r={r} />
          </Stack>
        )} />
        <Column source="status" render={(r) => translate(`xb.inspections.rect_status.${r.status}`)} />
      </DataTable>
    </List>
  );
}

/**
 * The decision on a rectification, under the record it decides on (the finding, its deadline
 * and the fix submitted): the owning unit files its fix (what was done, with photos); the
 * verifier accepts it or rejects it with a reason.
 */
function Decision() {
  const r = useRecordContext<RectificationView>();
  const notify = useNotify();
  const refresh = useRefresh();
  const translate = useTranslate();
  const dataProvider = useDataProvider<XbDataProvider>();
  const [note, setNote] = useState('');
  const [files, setFiles] = useState<string[]>([]);
  if (!r) return null;
  const can = (a: string) => r.availableActions.includes(a as never);
  if (!can('fix') && !can('verify') && !can('reject')) return null;
  const run = (p: Promise<unknown>) =>
    p.then(
      () => {
        notify('xb.inspections.done', { type: 'success' });
        setNote('');
        setFiles([]);
        refresh();
      },
      (e: Error) => notify(e.message, { type: 'error' }),
    );
  const noteLabel = translate(can('fix') ? 'xb.inspections.fix_note' : 'xb.inspections.reject_reason');
  return (
    <Card variant="outlined" sx={{ m: 2, mt: 0 }} data-testid="rectification-decision">
      <CardContent>
        <Typography variant="subtitle1" sx={{ fontWeight: 600 }}>
          {translate(can('fix') ? 'xb.inspections.decide_fix' : 'xb.inspections.decide_verify')}
        </Typography>
        <Typography variant="body2" color="text.secondary" sx={{ mb: 1.5 }}>
          {translate(can('fix') ? 'xb.inspections.decide_fix_hint' : 'xb.inspections.decide_verify_hint')}
        </Typography>
        <TextField fullWidth multiline minRows={2} size="small" label={noteLabel} value={note} onChange={(e) => setNote(e.target.value)} />
        <Stack direction="row" spacing={1} sx={{ mt: 1.5, flexWrap: 'wrap' }}>
          {can('fix') ? (
            <>
              <Button label={`${translate('xb.inspections.add_photo')} (${files.length})`} component="label">
                <input
                  hidden
                  type="file"
                  accept="image/*,application/pdf"
                  onChange={(e) => {
                    const f = e.target.files?.[0];
                    if (f) dataProvider.uploadFile('inspections.rectification', f).then((s) => setFiles((x) => [...x, s.id]), (err: Error) => notify(err.message, { type: 'error' }));
                  }}
                />
              </Button>
              <Button label="xb.inspections.submit_fix" variant="contained" disabled={!note.trim()} onClick={() => run(inspectionsApi.rectification(r.id, 'fix', { note, fileIds: files }))} />
            </>
          ) : null}
          {can('verify') ? <Button label="xb.inspections.verify" variant="contained" color="success" onClick={() => run(inspectionsApi.rectification(r.id, 'verify'))} /> : null}
          {can('reject') ? <Button label="xb.inspections.reject" color="warning" disabled={!note.trim()} onClick={() => run(inspectionsApi.rectification(r.id, 'reject', { reason: note }))} /> : null}
        </Stack>
      </CardContent>
    </Card>
  );
}

function Body() {
  const r = useRecordContext<RectificationView>();
  const translate = useTranslate();
  if (!r) return null;
  return (
    <Box sx={{ p: 2 }}>
      <Typography variant="h6">
        {r.itemText} <DeadlineChip r={r} />
      </Typography>
      <Typography variant="body2" color="text.secondary">
        {r.outletName} · {translate('resources.rectifications.fields.ownerUnitName')} {r.ownerUnitName} · {translate('resources.rectifications.fields.deadline')}{' '}
        {r.immediate ? translate('xb.inspections.immediate') : r.deadline} · {translate(`xb.inspections.rect_status.${r.status}`)}
      </Typography>
      {r.rejectReason && r.status === 'open' ? <Alert severity="warning">{translate('xb.inspections.rejected_because', { reason: r.rejectReason })}</Alert> : null}
      {r.escalatedAt ? <Alert severity="error">{translate('xb.inspections.escalated_at', { at: r.escalatedAt.slice(0, 10) })}</Alert> : null}
      {r.reopens ? <Alert severity="info">{translate('xb.inspections.reopens')}</Alert> : null}
      {r.fixNote ? (
        <>
          <Typography sx={{ mt: 1 }}>
            {translate('xb.inspections.fix_note')}
            {translate('xb.inspections.colon')}
            {r.fixNote}
          </Typography>
          {/* The evidence of the fix, to look at before verifying it. */}
          {r.fixFileIds.length ? <StoredFiles fileIds={r.fixFileIds} /> : null}
        </>
      ) : null}
    </Box>
  );
}

export function RectificationShow() {
  return (
    <RecordShow>
      <Body />
      <Decision />
    </RecordShow>
  );
}

export default { list: RectificationList, show: RectificationShow, icon: BuildIcon, recordRepresentation: (r: RectificationView) => r.itemText };
