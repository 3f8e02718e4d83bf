import DownloadIcon from '@mui/icons-material/Download';
import UploadFileIcon from '@mui/icons-material/UploadFile';
import {
  Alert,
  Box,
  Button,
  Card,
  CardContent,
  LinearProgress,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import { useRef, useState } from 'react';
import { HttpError, Link, Title, useDataProvider, useNotify, useTranslate } from 'react-admin';
import { saveFile } from '../../../common/files';
import { translateDetail } from '../../../common/server-errors';
import { RequireAccess } from '../../../layout/RequireAccess';
import type { XbDataProvider } from '../../../providers/data-provider';
import { newIdempotencyKey } from '../../../providers/http-client';
import type { ErrorDetail, ImportComplaintsResult } from '../../../types';

/** Mirrors IMPORT_MAX_BYTES; the server refuses larger files anyway. */
const MAX_BYTES = 5 * 1024 * 1024;
const ACCEPTED = /\.(csv|xlsx)$/i;

type Outcome =
  | { kind: 'checked'; result: ImportComplaintsResult }
  | { kind: 'imported'; result: ImportComplaintsResult }
  | { kind: 'refused'; rows: number; details: ErrorDetail[] }
  | { kind: 'failed'; message: string };

/** A refused file: per-row details (`row` set) from the body, or a file-level problem. */
function outcomeOf(error: unknown): Outcome {
  if (error instanceof HttpError) {
    const body = error.body as { details?: ErrorDetail[]; errors?: unknown } | null;
    const details = Array.isArray(body?.details) ? body.details : [];
    const rowDetails = details.filter((d) => typeof d.row === 'number');
    if (rowDetails.length > 0) return { kind: 'refused', rows: new Set(rowDetails.map((d) => d.row)).size, details: rowDetails };
    const fileProblem = details.find((d) => d.field === 'file');
    return { kind: 'failed', message: fileProblem?.message ?? error.message };
  }
  return { kind: 'failed', message: error instanceof Error ? error.message : String(error) };
}

function ImportContent() {
  const translate = useTranslate();
  const notify = useNotify();
  const dataProvider = useDataProvider<XbDataProvider>();
  const input = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [checkedFile, setCheckedFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  // One key per file the user means to import once.
  const importKey = useRef(newIdempotencyKey());

  const choose = (chosen: File | null) => {
    setOutcome(null);
    setCheckedFile(null);
    setProblem(null);
    importKey.current = newIdempotencyKey();
    if (chosen && !ACCEPTED.test(chosen.name)) {
      setProblem('xb.import.wrong_type');
      setFile(null);
      return;
    }
    if (chosen && chosen.size > MAX_BYTES) {
      setProblem('xb.import.too_large');
      setFile(null);
      return;
    }
    setFile(chosen);
  };

  const run = async (dryRun: boolean) => {
    if (!file) return;
    setBusy(true);
    setOutcome(null);
    try {
      const result = await dataProvider.importComplaints(file, dryRun, dryRun ? undefined : importKey.current);
      if (dryRun) {
        setCheckedFile(file);
        setOutcome({ kind: 'checked', result });
      } else {
        setOutcome({ kind: 'imported', result });
        setCheckedFile(null);
        importKey.current = newIdempotencyKey();
        notify('xb.import.imported', { type: 'success', messageArgs: { smart_count: result.created } });
      }
    } catch (error) {
      setCheckedFile(null);
      setOutcome(outcomeOf(error));
    } finally {
      setBusy(false);
    }
  };

  const template = async () => {
    try {
      saveFile(await dataProvider.downloadImportTemplate());
    } catch (error) {
      setOutcome({ kind: 'failed', message: error instanceof Error ? error.message : String(error) });
    }
  };

  const checked = !!file && checkedFile === file && outcome?.kind === 'checked';

  return (
    <Box sx={{ mt: 2, maxWidth: 1000 }} data-testid="import-page">
      <Title title="xb.import.title" />
      <Card variant="outlined">
        <CardContent>
          <Typography variant="h6" gutterBottom>
            {translate('xb.import.title')}
          </Typography>
          <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
            {translate('xb.import.hint')}
          </Typography>
          <Stack direction="row" spacing={2} useFlexGap sx={{ flexWrap: 'wrap', alignItems: 'center', mb: 2 }}>
            <Button variant="text" startIcon={<DownloadIcon />} onClick={template} data-testid="import-template">
              {translate('xb.import.template')}
            </Button>
            <Button variant="outlined" startIcon={<UploadFileIcon />} onClick={() => input.current?.click()}>
              {translate('xb.import.choose_file')}
            </Button>
            <input
              ref={input}
              type="file"
              accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              hidden
              data-testid="import-file"
              onChange={(e) => {
                choose(e.target.files?.[0] ?? null);
                e.target.value = '';
              }}
            />
            <Typography variant="body2" data-testid="import-file-name">
              {file ? `${file.name} (${Math.ceil(file.size / 1024)} KB)` : translate('xb.import.no_file')}
            </Typography>
          </Stack>
          <Stack direction="row" spacing={2} sx={{ mb: 2 }}>
            <Button variant="outlined" onClick={() => run(true)} disabled={!file || busy} data-testid="import-dry-run">
              {translate('xb.import.dry_run')}
            </Button>
            <Button variant="contained" onClick={() => run(false)} disabled={!checked || busy} data-testid="import-run">
              {translate('xb.import.import')}
            </Button>
          </Stack>
          {file && !checked && !outcome && !busy && (
            <Typography variant="caption" color="text.secondary">
              {translate('xb.import.must_check')}
            </Typography>
          )}
          {busy && <LinearProgress aria-label={translate('ra.page.loading')} />}
          {problem && <Alert severity="warning">{translate(problem)}</Alert>}
          <OutcomeView outcome={outcome} />
        </CardContent>
      </Card>
    </Box>
  );
}

function OutcomeView({ outcome }: { outcome: Outcome | null }) {
  const translate = useTranslate();
  if (!outcome) return null;
  switch (outcome.kind) {
    case 'checked':
      return (
        <Alert severity="success" data-testid="import-checked">
          {translate('xb.import.dry_run_ok', { smart_count: outcome.result.valid })}
        </Alert>
      );
    case 'imported':
      return (
        <Stack spacing={1} data-testid="import-done">
          <Alert severity="success">{translate('xb.import.imported', { smart_count: outcome.result.created })}</Alert>
          {outcome.result.complaints.length > 0 && (
            <Box>
              <Typography variant="subtitle2">{translate('xb.import.created')}</Typography>
              <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap' }}>
                {outcome.result.complaints.map((c) => (
                  <Link key={c.id} to={`/complaints/${encodeURIComponent(c.id)}/show`}>
                    {c.reference}
                  </Link>
                ))}
              </Stack>
            </Box>
          )}
        </Stack>
      );
    case 'refused':
      return (
        <Stack spacing={1} data-testid="import-refused">
          <Alert severity="error">{translate('xb.import.refused', { smart_count: outcome.rows })}</Alert>
          <Box sx={{ maxHeight: 480, overflow: 'auto' }}>
            <Table size="small" stickyHeader data-testid="import-errors">
              <TableHead>
                <TableRow>
                  <TableCell sx={{ whiteSpace: 'nowrap' }}>{translate('xb.import.row')}</TableCell>
                  <TableCell sx={{ whiteSpace: 'nowrap' }}>{translate('xb.import.field')}</TableCell>
                  <TableCell>{translate('xb.import.message')}</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {[...outcome.details]
                  .sort((a, b) => (a.row ?? 0) - (b.row ?? 0))
                  .map((d, i) => (
                    <TableRow key={`${d.row}-${d.field}-${i}`}>
                      <TableCell>{d.row}</TableCell>
                      <TableCell sx={{ whiteSpace: 'nowrap' }}>{translate(`resources.complaints.fields.${d.field}`, { _: d.field })}</TableCell>
                      <TableCell>{translateDetail(translate, d, 'complaints')}</TableCell>
                    </TableRow>
                  ))}
              </TableBody>
            </Table>
          </Box>
        </Stack>
      );
    case 'failed':
      return (
        <Alert severity="error" data-testid="import-failed">
          {translate('xb.import.error')}: {outcome.message}
        </Alert>
      );
  }
}

/**
 * 批量导入: choose a CSV or .xlsx file, check it (dry run), read the per-row errors, then
 * import — all rows or none. The template comes from the server.
 */
export function ImportPage() {
  return (
    <RequireAccess resource="complaint-import">
      <ImportContent />
    </RequireAccess>
  );
}
