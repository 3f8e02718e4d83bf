import DownloadIcon from '@mui/icons-material/Download';
import PrintIcon from '@mui/icons-material/Print';
import { Alert, Box, Button, Card, CardContent, MenuItem, Stack, TextField, Typography } from '@mui/material';
import { useState } from 'react';
import { Title, useDataProvider, useNotify, useTranslate } from 'react-admin';
import { quarterOf, recentYears } from '../analysis/period';
import { openPendingTab, saveFile, showInTab } from '../../../common/files';
import { OrgUnitPicker } from '../../../common/OrgUnitPicker';
import { RequireAccess } from '../../../layout/RequireAccess';
import type { XbDataProvider } from '../../../providers/data-provider';
import type { OrgUnitView, ReportFormat } from '../../../types';

/** The last finished quarter: what a circulated report is usually about. */
function lastQuarter(now = new Date()): { year: number; quarter: number } {
  const q = quarterOf(now);
  return q === 1 ? { year: now.getFullYear() - 1, quarter: 4 } : { year: now.getFullYear(), quarter: q - 1 };
}

function ReportContent() {
  const translate = useTranslate();
  const notify = useNotify();
  const dataProvider = useDataProvider<XbDataProvider>();
  const [{ year, quarter }, setPeriod] = useState(lastQuarter);
  const [unit, setUnit] = useState<OrgUnitView | null>(null);
  const [busy, setBusy] = useState<ReportFormat | null>(null);
  const [error, setError] = useState<string | null>(null);

  const fetchReport = (format: ReportFormat) =>
    dataProvider.downloadQuarterlyReport({ year, quarter, format, ...(unit ? { orgUnitId: unit.id } : {}) });

  const failed = (e: unknown) => setError(`${translate('xb.reports.error')}${e instanceof Error && e.message ? ` — ${e.message}` : ''}`);

  const downloadExcel = async () => {
    setBusy('xlsx');
    setError(null);
    try {
      const file = await fetchReport('xlsx');
      saveFile(file);
      notify('xb.reports.downloaded', { type: 'success', messageArgs: { name: file.filename } });
    } catch (e) {
      failed(e);
    } finally {
      setBusy(null);
    }
  };

  const openPrintable = async () => {
    // Opened now, while the click counts as a user gesture; pointed at the report when it arrives.
    const tab = openPendingTab(translate('xb.reports.preparing'));
    if (!tab) {
      setError(translate('xb.reports.popup_blocked'));
      return;
    }
    setBusy('html');
    setError(null);
    try {
      await showInTab(tab, await fetchReport('html'));
    } catch (e) {
      tab.close();
      failed(e);
    } finally {
      setBusy(null);
    }
  };

  return (
    <Box sx={{ mt: 2, maxWidth: 900 }} data-testid="reports-page">
      <Title title="xb.reports.title" />
      <Card variant="outlined">
        <CardContent>
          <Typography variant="h6" gutterBottom>
            {translate('xb.reports.title')}
          </Typography>
          <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
            {translate('xb.reports.hint')}
          </Typography>
          <Stack direction="row" spacing={2} useFlexGap sx={{ flexWrap: 'wrap', alignItems: 'center', mb: 2 }}>
            <TextField
              select
              size="small"
              label={translate('xb.analysis.year')}
              value={year}
              onChange={(e) => setPeriod({ year: Number(e.target.value), quarter })}
              fullWidth={false}
              sx={{ width: 120 }}
              data-testid="report-year"
            >
              {recentYears().map((y) => (
                <MenuItem key={y} value={y}>
                  {y}
                </MenuItem>
              ))}
            </TextField>
            <TextField
              select
              size="small"
              label={translate('xb.analysis.quarter')}
              value={quarter}
              onChange={(e) => setPeriod({ year, quarter: Number(e.target.value) })}
              fullWidth={false}
              sx={{ width: 140 }}
              data-testid="report-quarter"
            >
              {[1, 2, 3, 4].map((q) => (
                <MenuItem key={q} value={q}>
                  {translate('xb.analysis.quarter_n', { n: q })}
                </MenuItem>
              ))}
            </TextField>
            <OrgUnitPicker value={unit} onChange={setUnit} label="xb.analysis.org_unit" placeholder="xb.analysis.all_units" testId="report-unit" />
          </Stack>
          <Stack direction="row" spacing={2}>
            <Button variant="contained" startIcon={<DownloadIcon />} onClick={downloadExcel} disabled={busy !== null} data-testid="download-xlsx">
              {translate('xb.reports.download_xlsx')}
            </Button>
            <Button variant="outlined" startIcon={<PrintIcon />} onClick={openPrintable} disabled={busy !== null} data-testid="open-html">
              {translate('xb.reports.open_html')}
            </Button>
          </Stack>
          {busy && (
            <Typography variant="body2" color="text.secondary" sx={{ mt: 2 }}>
              {translate('xb.reports.preparing')}
            </Typography>
          )}
          {error && (
            <Alert severity="error" sx={{ mt: 2 }} data-testid="report-error">
              {error}
            </Alert>
          )}
        </CardContent>
      </Card>
    </Box>
  );
}

/**
 * 季度通报: the quarter's circulated report as an Excel workbook (saved under the server's
 * name) or a printable page in a new tab — both fetched with the bearer token.
 */
export function QuarterlyReportPage() {
  return (
    <RequireAccess resource="complaint-reports">
      <ReportContent />
    </RequireAccess>
  );
}
