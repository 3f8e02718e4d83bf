import { Alert, Box, Button, Card, CardContent, Stack, Typography } from '@mui/material';
import { useState, type ChangeEvent } from 'react';
import { Title, useNotify, useTranslate } from 'react-admin';
import { saveFile } from '../../common/files';
import { fetchFile, httpClient, API_URL } from '../../providers/http-client';

interface ProblemRow {
  field: string;
  message: string;
}

/** 试题导入: the CSV template, and an all-or-nothing upload with every bad row listed. */
export function QuestionImportPage() {
  const translate = useTranslate();
  const notify = useNotify();
  const [problems, setProblems] = useState<ProblemRow[]>([]);
  const [busy, setBusy] = useState(false);

  const template = async () => {
    const file = await fetchFile(`${API_URL}/questions/import-template`, 'question-import-template.csv');
    saveFile(file);
  };

  const upload = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    if (!file) return;
    setBusy(true);
    setProblems([]);
    try {
      const csv = await file.text();
      const { json } = await httpClient(`${API_URL}/questions/import`, { method: 'POST', body: JSON.stringify({ csv }) });
      notify('xb.training.imported', { type: 'success', messageArgs: { count: (json as { imported: number }).imported } });
    } catch (err) {
      const body = (err as { body?: { details?: ProblemRow[] } }).body;
      if (body?.details?.length) setProblems(body.details);
      else notify((err as Error).message, { type: 'error' });
    } finally {
      setBusy(false);
      event.target.value = '';
    }
  };

  return (
    <Card sx={{ mt: 2 }}>
      <Title title="xb.training.import_title" />
      <CardContent>
        <Typography variant="h6">{translate('xb.training.import_title')}</Typography>
        <Typography sx={{ my: 1 }}>{translate('xb.training.import_help')}</Typography>
        <Stack direction="row" spacing={2}>
          <Button variant="outlined" onClick={template}>
            {translate('xb.training.template')}
          </Button>
          <Button variant="contained" component="label" disabled={busy}>
            {translate('xb.training.choose_file')}
            <input hidden type="file" accept=".csv,text/csv" onChange={upload} data-testid="question-import-file" />
          </Button>
        </Stack>
        {problems.length > 0 && (
          <Box sx={{ mt: 2 }}>
            <Alert severity="error">{translate('xb.training.import_errors')}</Alert>
            <ul data-testid="import-problems">
              {problems.map((p, i) => (
                <li key={i}>
                  {p.field}: {p.message}
                </li>
              ))}
            </ul>
          </Box>
        )}
      </CardContent>
    </Card>
  );
}
