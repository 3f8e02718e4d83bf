import PhotoCameraIcon from '@mui/icons-material/PhotoCamera';
import { Alert, Box, Button, Card, CardContent, Chip, LinearProgress, MobileStepper, Stack, TextField, ToggleButton, ToggleButtonGroup, Typography } from '@mui/material';
import { useEffect, useMemo, useRef, useState } from 'react';
import { Loading, Title, useDataProvider, useNotify, useRedirect, useTranslate } from 'react-admin';
import { useParams } from 'react-router-dom';
import type { XbDataProvider } from '../../providers/data-provider';
import { bankToday, inspectionsApi, pct, submitKeyOf, type InspectionView, type TemplateView } from './api';

type Value = 'pass' | 'fail' | 'na' | number;
interface Answer {
  itemKey: string;
  value?: Value;
  note?: string;
  fileIds: string[];
}
type RunningScore = { total: number | null; dimensions: { key: string; score: number | null }[]; redLineFailed: boolean } | null;

/**
 * The inspector's visit screen 暗访录入, made for a phone: one dimension at a time, big
 * answer buttons, a photo straight from the camera for a failed item, and the running score
 * (computed by the service with the same rules as the final one) after each save.
 */
export function VisitScreen() {
  const { id = '' } = useParams();
  const translate = useTranslate();
  const notify = useNotify();
  const redirect = useRedirect();
  const dataProvider = useDataProvider<XbDataProvider>();
  const [visit, setVisit] = useState<InspectionView>();
  const [template, setTemplate] = useState<TemplateView>();
  const [answers, setAnswers] = useState<Record<string, Answer>>({});
  const [step, setStep] = useState(0);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const uploading = useRef(0);

  useEffect(() => {
    let live = true;
    dataProvider
      .getOne<InspectionView>('inspections', { id })
      .then(async ({ data }) => {
        const t = await inspectionsApi.template(data.templateId);
        if (!live) return;
        setVisit(data);
        setTemplate(t);
        setAnswers(Object.fromEntries(data.answers.map((a) => [a.itemKey, { itemKey: a.itemKey, value: a.value as Value, note: a.note ?? undefined, fileIds: a.fileIds }])));
      })
      .catch((e: Error) => live && setError(e.message));
    return () => {
      live = false;
    };
  }, [dataProvider, id]);

  // Autosave shortly after the last change: the running score comes back from the service (the same rules as the final score).
  const dirty = useRef(false);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(() => {
    if (!dirty.current || !visit) return undefined;
    timer.current = setTimeout(() => {
      dirty.current = false;
      const body = Object.values(answers)
        .filter((a) => a.value !== undefined)
        .map((a) => ({ itemKey: a.itemKey, value: a.value, ...(a.note ? { note: a.note } : {}), fileIds: a.fileIds }));
      inspectionsApi.saveAnswers(visit.id, body).then(setVisit, () => undefined);
    }, 800);
    return () => clearTimeout(timer.current);
  }, [answers]);

  const wanted = useMemo(() => (visit?.kind === 'reinspection' ? new Set(visit.itemKeys) : null), [visit]);
  const dims = useMemo(
    () => (template ? template.dimensions.filter((d) => template.items.some((i) => i.dimensionKey === d.key && (!wanted || wanted.has(i.key)))) : []),
    [template, wanted],
  );
  if (error) return <Alert severity="error">{error}</Alert>;
  if (!visit || !template) return <Loading />;

  const dim = dims[step];
  const items = template.items.filter((i) => i.dimensionKey === dim.key && (!wanted || wanted.has(i.key)));
  const given = () => Object.values(answers).filter((a) => a.value !== undefined);
  const payload = () => given().map((a) => ({ itemKey: a.itemKey, value: a.value, ...(a.note ? { note: a.note } : {}), fileIds: a.fileIds }));
  const set = (key: string, patch: Partial<Answer>) => {
    dirty.current = true;
    setAnswers((all) => ({ ...all, [key]: { ...(all[key] ?? { itemKey: key, fileIds: [] }), ...patch } }));
  };
  const score = visit.score as RunningScore;
  const answeredCount = items.filter((i) => answers[i.key]?.value !== undefined).length;

  const save = async () => {
    clearTimeout(timer.current);
    dirty.current = false;
    setBusy(true);
    try {
      setVisit(await inspectionsApi.saveAnswers(visit.id, payload()));
    } catch (e) {
      notify((e as Error).message, { type: 'error' });
    } finally {
      setBusy(false);
    }
  };
  const go = async (to: number) => {
    await save();
    setStep(to);
    window.scrollTo(0, 0);
  };
  const submit = async () => {
    if (uploading.current) return notify('xb.inspections.wait_upload', { type: 'warning' });
    clearTimeout(timer.current);
    dirty.current = false;
    setBusy(true);
    try {
      await inspectionsApi.submit(visit.id, payload(), submitKeyOf(visit.id), bankToday());
      notify('xb.inspections.submitted', { type: 'success' });
      redirect('show', 'inspections', visit.id);
    } catch (e) {
      notify((e as Error).message, { type: 'error' });
    } finally {
      setBusy(false);
    }
  };
  const upload = async (key: string, file: File | undefined) => {
    if (!file) return;
    uploading.current++;
    setBusy(true);
    try {
      const stored = await dataProvider.uploadFile('inspections.inspection', file);
      set(key, { fileIds: [...(answers[key]?.fileIds ?? []), stored.id] });
      notify('xb.inspections.photo_added', { type: 'info' });
    } catch (e) {
      notify((e as Error).message, { type: 'error' });
    } finally {
      uploading.current--;
      setBusy(false);
    }
  };

  return (
    <Box sx={{ maxWidth: 640, mx: 'auto', p: { xs: 1, sm: 2 } }}>
      <Title title={translate('xb.inspections.visit_title', { outlet: visit.outletName })} />
      <Card sx={{ mb: 1 }}>
        <CardContent sx={{ pb: 1 }}>
          <Typography variant="subtitle1">
            {visit.outletName} · {visit.scenario}
          </Typography>
          <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
            <Typography variant="h5" data-testid="running-score">
              {pct(score?.total)}
            </Typography>
            <Typography variant="caption">{translate('xb.inspections.running_score')}</Typography>
            {score?.redLineFailed ? <Chip size="small" color="error" label={translate('xb.inspections.red_line_failed')} /> : null}
          </Stack>
          {visit.returnReason && visit.status === 'returned' ? <Alert severity="warning">{translate('xb.inspections.returned_because', { reason: visit.returnReason })}</Alert> : null}
        </CardContent>
        {busy ? <LinearProgress aria-label={translate('ra.page.loading')} /> : null}
      </Card>
      <Typography variant="h6" sx={{ mt: 1 }}>
        {step + 1}/{dims.length} {dim.name}
      </Typography>
      <Typography variant="caption" color="text.secondary">
        {translate('xb.inspections.answered', { done: answeredCount, all: items.length })} · {translate('xb.inspections.score')}{' '}
        {pct(score?.dimensions.find((d) => d.key === dim.key)?.score)}
      </Typography>
      {items.map((item) => {
        const a = answers[item.key];
        const failed = a?.value === 'fail' || (typeof a?.value === 'number' && a.value < (item.passAt ?? item.scaleMax ?? 0));
        return (
          <Card key={item.key} sx={{ my: 1 }} data-item={item.key}>
            <CardContent>
              <Typography variant="body1">
                {item.text} {item.redLine ? <Chip size="small" color="error" label={translate('xb.inspections.red_line')} /> : null}
              </Typography>
              <ToggleButtonGroup
                exclusive
                fullWidth
                size="large"
                value={a?.value ?? null}
                onChange={(_e, v: Value | null) => v !== null && set(item.key, { value: v })}
                sx={{ mt: 1 }}
              >
                {item.answerType === 'scale'
                  ? Array.from({ length: (item.scaleMax ?? 0) + 1 }, (_x, n) => (
                      <ToggleButton key={n} value={n}>
                        {n}
                      </ToggleButton>
                    ))
                  : [
                      <ToggleButton key="pass" value="pass" color="success">
                        {translate('xb.inspections.answer.pass')}
                      </ToggleButton>,
                      <ToggleButton key="fail" value="fail" color="error">
                        {translate('xb.inspections.answer.fail')}
                      </ToggleButton>,
                    ]}
                {item.naAllowed ? <ToggleButton value="na">{translate('xb.inspections.answer.na')}</ToggleButton> : null}
              </ToggleButtonGroup>
              {failed ? (
                <Stack spacing={1} sx={{ mt: 1 }}>
                  <TextField size="small" label={translate('xb.inspections.note')} value={a?.note ?? ''} onChange={(e) => set(item.key, { note: e.target.value })} multiline />
                  <Button component="label" variant={item.photoOnFail && !a?.fileIds.length ? 'contained' : 'outlined'} startIcon={<PhotoCameraIcon />} color={item.photoOnFail && !a?.fileIds.length ? 'warning' : 'primary'}>
                    {translate(item.photoOnFail ? 'xb.inspections.photo_needed' : 'xb.inspections.add_photo')} ({a?.fileIds.length ?? 0})
                    <input hidden type="file" accept="image/*" capture="environment" aria-label={`photo ${item.key}`} onChange={(e) => void upload(item.key, e.target.files?.[0])} />
                  </Button>
                </Stack>
              ) : null}
            </CardContent>
          </Card>
        );
      })}
      <MobileStepper
        variant="dots"
        steps={dims.length}
        position="static"
        activeStep={step}
        backButton={
          <Button size="large" disabled={step === 0 || busy} onClick={() => void go(step - 1)}>
            {translate('xb.inspections.prev')}
          </Button>
        }
        nextButton={
          step < dims.length - 1 ? (
            <Button size="large" disabled={busy} onClick={() => void go(step + 1)}>
              {translate('xb.inspections.next')}
            </Button>
          ) : (
            <Button size="large" variant="contained" disabled={busy} onClick={() => void submit()}>
              {translate('xb.inspections.submit')}
            </Button>
          )
        }
      />
      <Box sx={{ textAlign: 'center', mt: 1 }}>
        <Button disabled={busy} onClick={() => void save()}>
          {translate('xb.inspections.save')}
        </Button>
      </Box>
    </Box>
  );
}
