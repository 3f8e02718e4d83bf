import { Alert, Box, Button, Card, CardContent, Checkbox, FormControlLabel, MenuItem, Stack, Table, TableBody, TableCell, TableHead, TableRow, TextField, Typography } from '@mui/material';
import type { CampaignView, ImportActivitiesResult } from '@xb/contracts/campaigns';
import { useState, type ChangeEvent } from 'react';
import { Loading, Title, useCanAccess, useGetList, useTranslate } from 'react-admin';
import { saveFile } from '../../common/files';
import { API_URL, fetchFile, newIdempotencyKey, postForm } from '../../providers/http-client';

/** One problem of the upload: the service names it `row N: field` (row 1 is the header). */
export interface ImportProblem {
  row: number | null;
  field: string;
  message: string;
}

/** Splits the service's `row 8: peopleReached` into row and field (other problems keep row null: the file as a whole). */
export function importProblemsOf(details: readonly { field?: string; message: string }[]): ImportProblem[] {
  return details.map((d) => {
    const m = /^row (\d+):\s*(.*)$/.exec(d.field ?? '');
    return m ? { row: Number(m[1]), field: m[2], message: d.message } : { row: null, field: d.field ?? '', message: d.message };
  });
}

type Outcome = { kind: 'done'; result: ImportActivitiesResult } | { kind: 'problems'; problems: ImportProblem[] } | { kind: 'error'; message: string };

/**
 * 批量导入: a branch's spreadsheet of activities in the template's shape. The template is
 * downloaded for the chosen campaign; the upload is all or nothing — either every row is
 * created (optionally verified at once) or none, and every bad row is listed with its field.
 */
export function ActivityImportPage() {
  const translate = useTranslate();
  const { canAccess, isPending: accessPending } = useCanAccess({ resource: 'campaign-activities', action: 'import' });
  const { data: campaigns, isPending, error: listError } = useGetList<CampaignView>('campaigns', {
    filter: { status: 'open' },
    pagination: { page: 1, perPage: 200 },
    sort: { field: 'startDate', order: 'DESC' },
  });
  const [campaignId, setCampaignId] = useState('');
  const [verify, setVerify] = useState(false);
  const [dryRun, setDryRun] = useState(false);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  const template = async () => {
    try {
      const file = await fetchFile(`${API_URL}/campaign-activities/import/template?campaignId=${encodeURIComponent(campaignId)}`, 'campaign-activities-template.xlsx');
      saveFile(file);
    } catch (err) {
      setOutcome({ kind: 'error', message: (err as Error).message });
    }
  };

  const upload = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    if (!file) return;
    setBusy(true);
    setOutcome(null);
    const form = new FormData();
    form.append('campaignId', campaignId);
    form.append('verify', String(verify));
    form.append('dryRun', String(dryRun));
    form.append('file', file);
    try {
      setOutcome({ kind: 'done', result: await postForm<ImportActivitiesResult>(`${API_URL}/campaign-activities/import`, form, newIdempotencyKey()) });
    } catch (err) {
      const details = (err as { body?: { details?: { field?: string; message: string }[] } }).body?.details;
      setOutcome(details?.length ? { kind: 'problems', problems: importProblemsOf(details) } : { kind: 'error', message: (err as Error).message });
    } finally {
      setBusy(false);
      event.target.value = '';
    }
  };

  if (isPending || accessPending) return <Loading />;
  return (
    <Card sx={{ mt: 2, maxWidth: 960 }}>
      <Title title="xb.campaigns.import.title" />
      <CardContent>
        <Typography variant="h6">{translate('xb.campaigns.import.title')}</Typography>
        <Typography sx={{ my: 1 }}>{translate('xb.campaigns.import.help')}</Typography>
        {!canAccess ? (
          <Alert severity="warning" data-testid="import-forbidden">
            {translate('xb.campaigns.import.forbidden')}
          </Alert>
        ) : listError ? (
          <Alert severity="error">{(listError as Error).message}</Alert>
        ) : !campaigns?.length ? (
          <Alert severity="info" data-testid="import-no-campaigns">
            {translate('xb.campaigns.import.noCampaigns')}
          </Alert>
        ) : (
          <Stack spacing={2} sx={{ mt: 2 }}>
            <TextField select label={translate('xb.campaigns.import.campaign')} value={campaignId} onChange={(e) => setCampaignId(e.target.value)} sx={{ maxWidth: 480 }} data-testid="import-campaign">
              {campaigns.map((c) => (
                <MenuItem key={c.id} value={c.id}>
                  {c.year} {c.name}
                </MenuItem>
              ))}
            </TextField>
            <Stack direction="row" spacing={2}>
              <FormControlLabel control={<Checkbox checked={verify} onChange={(e) => setVerify(e.target.checked)} />} label={translate('xb.campaigns.import.verify')} />
              <FormControlLabel control={<Checkbox checked={dryRun} onChange={(e) => setDryRun(e.target.checked)} />} label={translate('xb.campaigns.import.dryRun')} />
            </Stack>
            <Stack direction="row" spacing={2}>
              <Button variant="outlined" onClick={template} disabled={!campaignId} data-testid="import-template">
                {translate('xb.campaigns.import.template')}
              </Button>
              <Button variant="contained" component="label" disabled={!campaignId || busy}>
                {translate(busy ? 'xb.campaigns.import.uploading' : 'xb.campaigns.import.choose')}
                <input hidden type="file" accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" onChange={upload} data-testid="import-file" />
              </Button>
            </Stack>
          </Stack>
        )}
        {outcome?.kind === 'done' && (
          <Alert severity="success" sx={{ mt: 2 }} data-testid="import-done">
            {translate(outcome.result.dryRun ? 'xb.campaigns.import.checked' : 'xb.campaigns.import.created', { count: outcome.result.created })}
          </Alert>
        )}
        {outcome?.kind === 'error' && (
          <Alert severity="error" sx={{ mt: 2 }}>
            {outcome.message}
          </Alert>
        )}
        {outcome?.kind === 'problems' && (
          <Box sx={{ mt: 2 }}>
            <Alert severity="error">{translate('xb.campaigns.import.problems', { count: outcome.problems.length })}</Alert>
            <Table size="small" data-testid="import-problems">
              <TableHead>
                <TableRow>
                  <TableCell>{translate('xb.campaigns.import.row')}</TableCell>
                  <TableCell>{translate('xb.campaigns.import.field')}</TableCell>
                  <TableCell>{translate('xb.campaigns.import.message')}</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {outcome.problems.map((p, i) => (
                  <TableRow key={i}>
                    <TableCell>{p.row ?? '—'}</TableCell>
                    <TableCell>{p.field ? translate(`resources.campaign-activities.fields.${p.field}`, { _: p.field }) : '—'}</TableCell>
                    <TableCell>{p.message}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </Box>
        )}
      </CardContent>
    </Card>
  );
}
