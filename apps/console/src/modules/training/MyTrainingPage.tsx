import { Alert, Box, Button, Card, CardActions, CardContent, Chip, Grid, Stack, TextField, Typography } from '@mui/material';
import { useCallback, useEffect, useState } from 'react';
import { Loading, Title, useLocaleState, useNavigate, useNotify, useTranslate } from 'react-admin';
import type { AttemptView, MyTrainingView } from '@xb/contracts/training';
import { formatDateTime } from '../../common/DateTimeField';
import { API_URL, httpClient } from '../../providers/http-client';

/** 我的培训: my assigned exams (start / continue, results as allowed), my sessions (check-in), my hours. */
export function MyTrainingPage() {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const navigate = useNavigate();
  const notify = useNotify();
  const [my, setMy] = useState<MyTrainingView | null>(null);
  const [codes, setCodes] = useState<Record<string, string>>({});
  const load = useCallback(() => {
    httpClient(`${API_URL}/training/my`).then(({ json }) => setMy(json as MyTrainingView));
  }, []);
  useEffect(load, [load]);
  if (!my) return <Loading />;

  const start = async (examId: string, attemptId: string | null) => {
    try {
      const id = attemptId ?? ((await httpClient(`${API_URL}/exams/${examId}/attempts`, { method: 'POST' })).json as AttemptView).id;
      navigate(`/training/take/${id}`);
    } catch (err) {
      notify((err as Error).message, { type: 'error' });
    }
  };
  const checkIn = async (sessionId: string) => {
    try {
      await httpClient(`${API_URL}/training-sessions/${sessionId}/check-in`, { method: 'POST', body: JSON.stringify({ code: codes[sessionId] ?? '' }) });
      notify('xb.training.checked_in', { type: 'success' });
      load();
    } catch (err) {
      notify((err as Error).message, { type: 'error' });
    }
  };

  return (
    <Box sx={{ mt: 2 }} data-testid="my-training">
      <Title title="xb.training.my_title" />
      <Typography variant="h6">{translate('xb.training.my_exams')}</Typography>
      <Grid container spacing={2} sx={{ mt: 0.5 }}>
        {my.exams.map((e) => (
          <Grid key={e.id} size={{ xs: 12, sm: 6, lg: 4 }}>
            <Card variant="outlined" data-testid="my-exam">
              <CardContent>
                <Stack direction="row" spacing={1} sx={{ alignItems: 'center', mb: 1 }}>
                  <Typography variant="subtitle1" sx={{ fontWeight: 600 }}>
                    {e.title}
                  </Typography>
                  <Chip size="small" label={translate(`xb.training.kind.${e.kind}`)} />
                  <Chip size="small" color={e.state === 'open' || e.state === 'in_progress' ? 'primary' : 'default'} label={translate(`xb.training.state.${e.state}`)} />
                </Stack>
                <Typography variant="body2">
                  {formatDateTime(e.opensAt, locale)} – {formatDateTime(e.closesAt, locale)} · {e.timeLimitMinutes}′
                </Typography>
                <Typography variant="body2">{translate('xb.training.attempts_used', { used: e.attemptsUsed, allowed: e.attemptsAllowed })}</Typography>
                {e.best && (
                  <Typography variant="body2" data-testid="my-exam-result">
                    {translate('xb.training.best', { percent: e.best.percent ?? '—', passed: translate(e.best.passed ? 'xb.training.pass' : 'xb.training.fail') })}
                  </Typography>
                )}
              </CardContent>
              <CardActions>
                {(e.state === 'open' || e.state === 'in_progress') && (
                  <Button variant="contained" onClick={() => start(e.id, e.inProgressAttemptId)} data-testid="my-exam-start">
                    {translate(e.state === 'in_progress' ? 'xb.training.continue' : 'xb.training.start')}
                  </Button>
                )}
              </CardActions>
            </Card>
          </Grid>
        ))}
      </Grid>
      <Typography variant="h6" sx={{ mt: 3 }}>
        {translate('xb.training.my_sessions')} · {translate('xb.training.hours_this_year', { hours: my.hoursThisYear })}
      </Typography>
      <Stack spacing={1} sx={{ mt: 1 }}>
        {my.sessions.map((s) => (
          <Card key={s.id} variant="outlined">
            <CardContent sx={{ display: 'flex', gap: 2, alignItems: 'center', flexWrap: 'wrap' }}>
              <Typography sx={{ fontWeight: 600 }}>{s.title}</Typography>
              <Typography variant="body2">
                {formatDateTime(s.startsAt, locale)} · {s.online ? translate('resources.training-sessions.fields.online') : s.venue} · {s.hours}h
              </Typography>
              {s.attended ? (
                <Chip color="success" size="small" label={translate('xb.training.checked_in')} />
              ) : (
                <>
                  <TextField size="small" label={translate('xb.training.check_in_code')} value={codes[s.id] ?? ''} onChange={(ev) => setCodes({ ...codes, [s.id]: ev.target.value })} />
                  <Button onClick={() => checkIn(s.id)}>{translate('xb.training.check_in')}</Button>
                </>
              )}
            </CardContent>
          </Card>
        ))}
        {my.sessions.length === 0 && <Alert severity="info">—</Alert>}
      </Stack>
    </Box>
  );
}
