import AddIcon from '@mui/icons-material/Add';
import DeleteIcon from '@mui/icons-material/DeleteOutline';
import { Alert, Button, Dialog, DialogActions, DialogContent, DialogTitle, IconButton, Stack, TextField, Typography } from '@mui/material';
import { useState, type ReactNode } from 'react';
import { HttpError, useNotify, useRefresh, useTranslate } from 'react-admin';
import type { ConductDrillDto, DrillView, PolicyDocumentView } from '@xb/contracts/policies';
import { policiesApi } from './api';

type FieldErrors = Record<string, string>;

/**
 * The error state of an action form: a 400/422's field errors go under their fields (the
 * http client has already put them in the UI language), everything else — a 409 (already
 * conducted, not in force), a 403, a network failure — in an alert above the form, with
 * any field error no input shows.
 */
function errorStateOf(err: unknown, shown: (field: string) => boolean, translate: (key: string) => string): { fields: FieldErrors; alert: string | null } {
  if (!(err instanceof HttpError)) return { fields: {}, alert: translate('xb.policies.form.network') };
  const fields = (err.body as { errors?: FieldErrors } | null)?.errors ?? {};
  const mine = Object.fromEntries(Object.entries(fields).filter(([f]) => shown(f)));
  const rest = Object.entries(fields).filter(([f]) => !shown(f));
  const title = err.status === 409 ? 'xb.policies.form.conflict' : err.status === 403 ? 'xb.policies.form.forbidden' : err.status === 404 ? 'xb.policies.form.not_found' : rest.length || !Object.keys(mine).length ? 'xb.policies.form.invalid' : null;
  if (!title) return { fields: mine, alert: null };
  const detail = rest.length ? rest.map(([f, m]) => `${f}: ${m}`).join('; ') : Object.keys(mine).length ? '' : err.message;
  return { fields: mine, alert: `${translate(title)}${detail ? ` — ${detail}` : ''}` };
}

function ActionDialog(props: { open: boolean; title: string; testId: string; busy: boolean; alert: string | null; onClose: () => void; onSubmit: () => void; children: ReactNode }) {
  const translate = useTranslate();
  return (
    <Dialog open={props.open} onClose={props.onClose} fullWidth maxWidth="md" data-testid={props.testId}>
      <DialogTitle>{props.title}</DialogTitle>
      <DialogContent>
        {props.alert && (
          <Alert severity="error" sx={{ mb: 2 }} data-testid="form-error">
            {props.alert}
          </Alert>
        )}
        <Stack spacing={2} sx={{ pt: 1 }}>
          {props.children}
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={props.onClose}>{translate('ra.action.cancel')}</Button>
        <Button variant="contained" disabled={props.busy} onClick={props.onSubmit} data-testid="form-submit">
          {translate('ra.action.save')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}

/** `<input type="datetime-local">` value for now, in local time. */
const localNow = () => {
  const d = new Date();
  d.setMinutes(d.getMinutes() - d.getTimezoneOffset(), 0, 0);
  return d.toISOString().slice(0, 16);
};

/** Participants as typed: separated by commas (either width), 、 or new lines. */
export const participantsOf = (text: string) =>
  text
    .split(/[,，、;；\n]/)
    .map((p) => p.trim())
    .filter(Boolean);

interface StepRow {
  order: string;
  minutes: string;
}
interface FindingRow {
  finding: string;
  action: string;
  owner: string;
  due: string;
}

/**
 * 演练已开展: records a planned drill as conducted — when, who took part, the time to each
 * response step and the findings with their follow-up actions (owner, due date).
 */
export function ConductDrillButton({ drill }: { drill: DrillView }) {
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [conductedAt, setConductedAt] = useState(localNow);
  const [participants, setParticipants] = useState('');
  const [steps, setSteps] = useState<StepRow[]>([]);
  const [findings, setFindings] = useState<FindingRow[]>([]);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [alert, setAlert] = useState<string | null>(null);
  const shown = (f: string) => f === 'conductedAt' || f === 'participants' || /^participants\.\d+$/.test(f) || /^stepTimes\.\d+\.(order|minutes)$/.test(f) || /^findings\.\d+\.(finding|action|owner|due)$/.test(f);
  const fieldError = (f: string) => errors[f] ?? (f === 'participants' ? Object.entries(errors).find(([k]) => k.startsWith('participants.'))?.[1] : undefined);
  const submit = async () => {
    const local: FieldErrors = {};
    if (!conductedAt) local.conductedAt = translate('xb.policies.form.required');
    if (!participantsOf(participants).length) local.participants = translate('xb.policies.form.required');
    findings.forEach((f, i) => {
      if (!f.finding.trim()) local[`findings.${i}.finding`] = translate('xb.policies.form.required');
    });
    setErrors(local);
    setAlert(null);
    if (Object.keys(local).length) return;
    const body: ConductDrillDto = {
      conductedAt: new Date(conductedAt).toISOString(),
      participants: participantsOf(participants),
      // Numbers as typed: a blank or non-numeric entry reaches the service, which names it.
      stepTimes: steps.map((s) => ({ order: s.order.trim() === '' ? NaN : Number(s.order), minutes: s.minutes.trim() === '' ? NaN : Number(s.minutes) })),
      findings: findings.map((f) => ({ finding: f.finding.trim(), ...(f.action.trim() ? { action: f.action.trim() } : {}), ...(f.owner.trim() ? { owner: f.owner.trim() } : {}), ...(f.due ? { due: f.due } : {}) })),
    };
    setBusy(true);
    try {
      await policiesApi('POST', `/drills/${drill.id}/conduct`, body);
      notify('xb.policies.conduct.done', { type: 'success' });
      setOpen(false);
      refresh();
    } catch (err) {
      const state = errorStateOf(err, shown, translate);
      setErrors(state.fields);
      setAlert(state.alert);
    } finally {
      setBusy(false);
    }
  };
  const setStep = (i: number, patch: Partial<StepRow>) => setSteps((all) => all.map((s, k) => (k === i ? { ...s, ...patch } : s)));
  const setFinding = (i: number, patch: Partial<FindingRow>) => setFindings((all) => all.map((f, k) => (k === i ? { ...f, ...patch } : f)));
  return (
    <>
      <Button variant="contained" size="small" onClick={() => setOpen(true)} data-testid="conduct-drill">
        {translate('xb.policies.conduct.button')}
      </Button>
      <ActionDialog open={open} title={translate('xb.policies.conduct.title')} testId="conduct-drill-dialog" busy={busy} alert={alert} onClose={() => setOpen(false)} onSubmit={() => void submit()}>
        <TextField
          type="datetime-local"
          label={translate('resources.drills.fields.conductedAt')}
          value={conductedAt}
          onChange={(e) => setConductedAt(e.target.value)}
          error={!!errors.conductedAt}
          helperText={errors.conductedAt}
          slotProps={{ inputLabel: { shrink: true }, htmlInput: { 'data-testid': 'conduct-at' } }}
          required
        />
        <TextField
          label={translate('resources.drills.fields.participants')}
          value={participants}
          onChange={(e) => setParticipants(e.target.value)}
          error={!!fieldError('participants')}
          helperText={fieldError('participants') ?? translate('xb.policies.conduct.participants_hint')}
          slotProps={{ htmlInput: { 'data-testid': 'conduct-participants' } }}
          multiline
          required
        />
        <Typography variant="subtitle2">{translate('resources.drills.fields.stepTimes')}</Typography>
        {steps.map((s, i) => (
          <Stack key={i} direction="row" spacing={1} data-testid="conduct-step">
            <TextField size="small" type="number" label={translate('xb.policies.plan.step')} value={s.order} onChange={(e) => setStep(i, { order: e.target.value })} error={!!errors[`stepTimes.${i}.order`]} helperText={errors[`stepTimes.${i}.order`]} />
            <TextField
              size="small"
              type="number"
              label={translate('xb.policies.conduct.minutes')}
              value={s.minutes}
              onChange={(e) => setStep(i, { minutes: e.target.value })}
              error={!!errors[`stepTimes.${i}.minutes`]}
              helperText={errors[`stepTimes.${i}.minutes`]}
            />
            <IconButton aria-label={translate('ra.action.remove')} onClick={() => setSteps((all) => all.filter((_, k) => k !== i))}>
              <DeleteIcon />
            </IconButton>
          </Stack>
        ))}
        <Button size="small" startIcon={<AddIcon />} sx={{ alignSelf: 'flex-start' }} onClick={() => setSteps((all) => [...all, { order: String(all.length + 1), minutes: '' }])}>
          {translate('xb.policies.conduct.add_step')}
        </Button>
        <Typography variant="subtitle2">{translate('resources.drills.fields.findings')}</Typography>
        {findings.map((f, i) => (
          <Stack key={i} direction="row" spacing={1} data-testid="conduct-finding">
            <TextField
              size="small"
              label={translate('xb.policies.conduct.finding')}
              value={f.finding}
              onChange={(e) => setFinding(i, { finding: e.target.value })}
              error={!!errors[`findings.${i}.finding`]}
              helperText={errors[`findings.${i}.finding`]}
              slotProps={{ htmlInput: { 'data-testid': 'conduct-finding-text' } }}
              sx={{ flex: 2 }}
              required
            />
            <TextField size="small" label={translate('xb.policies.conduct.action')} value={f.action} onChange={(e) => setFinding(i, { action: e.target.value })} error={!!errors[`findings.${i}.action`]} helperText={errors[`findings.${i}.action`]} sx={{ flex: 2 }} />
            <TextField size="small" label={translate('xb.policies.plan.owner')} value={f.owner} onChange={(e) => setFinding(i, { owner: e.target.value })} error={!!errors[`findings.${i}.owner`]} helperText={errors[`findings.${i}.owner`]} sx={{ flex: 1 }} />
            <TextField
              size="small"
              type="date"
              label={translate('xb.policies.conduct.due')}
              value={f.due}
              onChange={(e) => setFinding(i, { due: e.target.value })}
              error={!!errors[`findings.${i}.due`]}
              helperText={errors[`findings.${i}.due`]}
              slotProps={{ inputLabel: { shrink: true } }}
              sx={{ flex: 1 }}
            />
            <IconButton aria-label={translate('ra.action.remove')} onClick={() => setFindings((all) => all.filter((_, k) => k !== i))}>
              <DeleteIcon />
            </IconButton>
          </Stack>
        ))}
        <Button size="small" startIcon={<AddIcon />} sx={{ alignSelf: 'flex-start' }} onClick={() => setFindings((all) => [...all, { finding: '', action: '', owner: '', due: '' }])} data-testid="conduct-add-finding">
          {translate('xb.policies.conduct.add_finding')}
        </Button>
      </ActionDialog>
    </>
  );
}

/** 复审无修改: a periodic review that keeps the version in force and restarts the review cycle. */
export function ReviewedNoChangeButton({ doc }: { doc: PolicyDocumentView }) {
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [alert, setAlert] = useState<string | null>(null);
  const submit = async () => {
    setAlert(null);
    if (!note.trim()) {
      setErrors({ note: translate('xb.policies.form.required') });
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      await policiesApi('POST', `/policy-documents/${doc.id}/reviewed`, { note: note.trim() });
      notify('xb.policies.reviewed.done', { type: 'success' });
      setOpen(false);
      setNote('');
      refresh();
    } catch (err) {
      const state = errorStateOf(err, (f) => f === 'note', translate);
      setErrors(state.fields);
      setAlert(state.alert);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Button size="small" onClick={() => setOpen(true)} disabled={!doc.currentVersionId} data-testid="reviewed-no-change">
        {translate('xb.policies.reviewed.button')}
      </Button>
      <ActionDialog open={open} title={translate('xb.policies.reviewed.title')} testId="reviewed-dialog" busy={busy} alert={alert} onClose={() => setOpen(false)} onSubmit={() => void submit()}>
        <Typography variant="body2">{translate('xb.policies.reviewed.hint', { code: doc.code, title: doc.title })}</Typography>
        <TextField
          label={translate('xb.policies.reviewed.note')}
          value={note}
          onChange={(e) => setNote(e.target.value)}
          error={!!errors.note}
          helperText={errors.note}
          slotProps={{ htmlInput: { 'data-testid': 'reviewed-note', maxLength: 2000 } }}
          multiline
          minRows={3}
          required
        />
      </ActionDialog>
    </>
  );
}
