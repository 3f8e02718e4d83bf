import { Alert, Autocomplete, Box, Button, Card, CardContent, LinearProgress, MenuItem, Stack, Table, TableBody, TableCell, TableHead, TableRow, TextField, Typography } from '@mui/material';
import type { PlanResult } from '@xb/contracts/inspections';
import { useMemo, useState } from 'react';
import { Confirm, Link, Title, useGetList, useNotify, useTranslate } from 'react-admin';
import { RequireAccess } from '../../layout/RequireAccess';
import type { OrgUnitView, UserView } from '../../types';
import { bankToday, inspectionsApi, type TemplateView } from './api';

/** This quarter and the next three (2026Q4, 2027Q1 …): the quarters worth planning. */
export function quarterChoices(today: string, count = 4): string[] {
  let y = Number(today.slice(0, 4));
  let q = Math.floor((Number(today.slice(5, 7)) - 1) / 3) + 1;
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    out.push(`${y}Q${q}`);
    q = q === 4 ? 1 : q + 1;
    if (q === 1) y++;
  }
  return out;
}

type Plan = { quarter: string; unitId: string | null; templateId: string; inspectorId: string; visitsPerOutlet: string };

/** The field a 400 names (`details[0].field`), translated when the page knows it. */
function errorText(e: unknown, translate: (k: string, o?: object) => string): string {
  const body = (e as { body?: { message?: string; details?: { field?: string; message?: string }[] } }).body;
  const d = body?.details?.[0];
  if (d?.field) return translate('xb.inspections.plan.field_error', { field: translate(`xb.inspections.plan.${d.field}`, { _: d.field }), message: d.message ?? '' });
  return body?.message ?? (e as Error).message ?? String(e);
}

/**
 * 季度检查计划: the quarterly plan generator. Choose the quarter, the branch (or any unit, or
 * the whole scope), the template version and the inspector; preview the visits it proposes
 * so each outlet has N visits in the quarter (visits already planned count); generate them.
 */
export function InspectionPlanPage() {
  const translate = useTranslate();
  const notify = useNotify();
  const quarters = useMemo(() => quarterChoices(bankToday()), []);
  const [plan, setPlan] = useState<Plan>({ quarter: quarters[0], unitId: null, templateId: '', inspectorId: '', visitsPerOutlet: '' });
  const [preview, setPreview] = useState<PlanResult | null>(null);
  const [created, setCreated] = useState<PlanResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState(false);

  const units = useGetList<OrgUnitView>('org-units', { pagination: { page: 1, perPage: 500 }, sort: { field: 'path', order: 'ASC' }, filter: { type: ['head_office', 'branch', 'sub_branch', 'outlet'] } });
  const templates = useGetList<TemplateView>('inspection-templates', { pagination: { page: 1, perPage: 100 }, sort: { field: 'createdAt', order: 'DESC' }, filter: { status: 'published' } });
  const inspectors = useGetList<UserView>('users', { pagination: { page: 1, perPage: 200 }, sort: { field: 'username', order: 'ASC' }, filter: { role: 'inspector' } });
  const templateId = plan.templateId || templates.data?.[0]?.id || '';

  const change = (patch: Partial<Plan>) => {
    setPlan((p) => ({ ...p, ...patch }));
    setPreview(null);
    setCreated(null);
    setError(null);
  };
  const body = (dryRun: boolean) => ({
    quarter: plan.quarter,
    templateId,
    dryRun,
    ...(plan.unitId ? { unitId: plan.unitId } : {}),
    ...(plan.inspectorId ? { inspectorId: plan.inspectorId } : {}),
    ...(plan.visitsPerOutlet ? { visitsPerOutlet: Number(plan.visitsPerOutlet) } : {}),
  });
  const run = async (dryRun: boolean) => {
    setBusy(true);
    setError(null);
    try {
      const result = await inspectionsApi.plan(body(dryRun));
      if (dryRun) setPreview(result);
      else {
        setCreated(result);
        setPreview(null);
        notify('xb.inspections.plan.created', { type: 'success', messageArgs: { count: result.created } });
      }
    } catch (e) {
      setError(errorText(e, translate));
    } finally {
      setBusy(false);
      setConfirming(false);
    }
  };

  const unitLabel = (u: OrgUnitView) => `${'  '.repeat(Math.max(0, u.depth ?? 0))}${u.name} (${u.code})`;
  const selectedUnit = units.data?.find((u) => u.id === plan.unitId) ?? null;
  return (
    <RequireAccess resource="inspections" action="plan">
      <Box sx={{ p: 2, maxWidth: 1000 }}>
        <Title title={translate('xb.inspections.plan.title')} />
        <Typography variant="body2" sx={{ mb: 2 }} color="text.secondary">
          {translate('xb.inspections.plan.intro')}
        </Typography>
        <Card sx={{ mb: 2 }}>
          <CardContent>
            <Stack direction={{ xs: 'column', md: 'row' }} spacing={2} useFlexGap sx={{ flexWrap: 'wrap' }}>
              <TextField select size="small" label={translate('xb.inspections.plan.quarter')} value={plan.quarter} onChange={(e) => change({ quarter: e.target.value })} sx={{ minWidth: 140 }} data-testid="plan-quarter">
                {quarters.map((q) => (
                  <MenuItem key={q} value={q}>
                    {q}
                  </MenuItem>
                ))}
              </TextField>
              <Autocomplete
                size="small"
                sx={{ width: 300 }}
                options={units.data ?? []}
                loading={units.isPending}
                value={selectedUnit}
                getOptionLabel={unitLabel}
                isOptionEqualToValue={(a, b) => a.id === b.id}
                onChange={(_e, u) => change({ unitId: u?.id ?? null })}
                renderInput={(params) => <TextField {...params} label={translate('xb.inspections.plan.unitId')} helperText={translate('xb.inspections.plan.unit_helper')} />}
                data-testid="plan-unit"
              />
              <TextField
                select
                size="small"
                label={translate('xb.inspections.plan.templateId')}
                value={templateId}
                onChange={(e) => change({ templateId: e.target.value })}
                sx={{ minWidth: 220 }}
                disabled={!templates.data?.length}
              >
                {(templates.data ?? []).map((t) => (
                  <MenuItem key={t.id} value={t.id}>
                    {`${t.name} v${t.version}`}
                  </MenuItem>
                ))}
              </TextField>
              <TextField
                select
                size="small"
                label={translate('xb.inspections.plan.inspectorId')}
                value={plan.inspectorId}
                onChange={(e) => change({ inspectorId: e.target.value })}
                sx={{ minWidth: 180 }}
              >
                <MenuItem value="">{translate('xb.inspections.plan.me')}</MenuItem>
                {(inspectors.data ?? []).map((u) => (
                  <MenuItem key={u.id} value={u.id}>
                    {u.displayName ?? u.username}
                  </MenuItem>
                ))}
              </TextField>
              <TextField
                type="number"
                size="small"
                label={translate('xb.inspections.plan.visitsPerOutlet')}
                helperText={translate('xb.inspections.plan.visits_helper')}
                value={plan.visitsPerOutlet}
                onChange={(e) => change({ visitsPerOutlet: e.target.value })}
                slotProps={{ htmlInput: { min: 1, max: 12 } }}
                sx={{ width: 170 }}
              />
            </Stack>
            <Stack direction="row" spacing={1} sx={{ mt: 2 }}>
              <Button variant="outlined" disabled={busy || !templateId} onClick={() => run(true)} data-testid="plan-preview">
                {translate('xb.inspections.plan.preview')}
              </Button>
              <Button variant="contained" disabled={busy || !preview?.proposed.length} onClick={() => setConfirming(true)} data-testid="plan-generate">
                {translate('xb.inspections.plan.generate')}
              </Button>
            </Stack>
          </CardContent>
        </Card>
        {busy ? <LinearProgress /> : null}
        {!templates.isPending && !templates.data?.length ? <Alert severity="warning">{translate('xb.inspections.plan.no_template')}</Alert> : null}
        {templates.error || units.error ? <Alert severity="error">{String((templates.error ?? units.error)?.message ?? '')}</Alert> : null}
        {error ? (
          <Alert severity="error" data-testid="plan-error">
            {error}
          </Alert>
        ) : null}
        {created ? (
          <Alert severity="success" data-testid="plan-created">
            {translate('xb.inspections.plan.created', { count: created.created })}{' '}
            <Link to={`/inspections?filter=${encodeURIComponent(JSON.stringify({ quarter: created.quarter, status: 'planned' }))}`}>{translate('xb.inspections.plan.see_visits')}</Link>
          </Alert>
        ) : null}
        {preview ? (
          <Box data-testid="plan-result">
            <Typography variant="subtitle1" sx={{ mb: 1 }}>
              {translate('xb.inspections.plan.summary', {
                quarter: preview.quarter,
                outlets: preview.outlets,
                n: preview.visitsPerOutlet,
                already: preview.alreadyPlanned,
                count: preview.proposed.length,
              })}
            </Typography>
            {preview.outlets === 0 ? <Alert severity="info">{translate('xb.inspections.plan.no_outlets')}</Alert> : null}
            {preview.outlets > 0 && preview.proposed.length === 0 ? <Alert severity="info">{translate('xb.inspections.plan.nothing_to_add')}</Alert> : null}
            {preview.proposed.length ? (
              <Table size="small">
                <TableHead>
                  <TableRow>
                    <TableCell>{translate('resources.inspections.fields.outletName')}</TableCell>
                    <TableCell>{translate('resources.inspections.fields.plannedDate')}</TableCell>
                  </TableRow>
                </TableHead>
                <TableBody>
                  {preview.proposed.map((p, i) => (
                    <TableRow key={`${p.outletId}-${i}`}>
                      <TableCell>{p.outletName}</TableCell>
                      <TableCell>{p.plannedDate}</TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            ) : null}
          </Box>
        ) : null}
        <Confirm
          isOpen={confirming}
          loading={busy}
          title="xb.inspections.plan.confirm_title"
          content="xb.inspections.plan.confirm"
          translateOptions={{ count: preview?.proposed.length ?? 0, quarter: plan.quarter }}
          onConfirm={() => run(false)}
          onClose={() => setConfirming(false)}
        />
      </Box>
    </RequireAccess>
  );
}
