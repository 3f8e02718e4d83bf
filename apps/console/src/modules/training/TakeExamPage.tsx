import { Alert, Box, Button, Card, CardContent, Checkbox, FormControlLabel, LinearProgress, Radio, RadioGroup, Stack, Typography } from '@mui/material';
import { useCallback, useEffect, useRef, useState } from 'react';
import { Loading, Title, useNotify, useParams, useTranslate } from 'react-admin';
import { Link } from 'react-router-dom';
import type { AttemptView, PaperItem } from '@xb/contracts/training';
import { API_URL, httpClient } from '../../providers/http-client';

type Answer = PaperItem['answer'];

const clock = (ms: number) => {
  const s = Math.max(0, Math.floor(ms / 1000));
  return `${String(Math.floor(s / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
};

/**
 * 答题: the countdown runs from the server's deadline and clock (offset measured on load), every
 * change is saved at once with a rising sequence number, a warning shows in the last minute,
 * and at zero the page reloads the attempt (the server has submitted it). Works on a phone.
 */
export function TakeExamPage() {
  const { id } = useParams<{ id: string }>();
  const translate = useTranslate();
  const notify = useNotify();
  const [attempt, setAttempt] = useState<AttemptView | null>(null);
  const [answers, setAnswers] = useState<Record<number, Answer>>({});
  const [status, setStatus] = useState<Record<number, 'saving' | 'saved' | string>>({});
  const [now, setNow] = useState(Date.now());
  const offset = useRef(0);
  const seq = useRef(0);

  const load = useCallback(async () => {
    const { json } = await httpClient(`${API_URL}/attempts/${id}`);
    const a = json as AttemptView;
    offset.current = Date.parse(a.serverNow) - Date.now();
    seq.current = Math.max(seq.current, a.lastSeq);
    setAttempt(a);
    setAnswers(Object.fromEntries(a.items.map((i) => [i.slot, i.answer])));
  }, [id]);
  useEffect(() => {
    load().catch((e: Error) => notify(e.message, { type: 'error' }));
  }, [load, notify]);
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 500);
    return () => clearInterval(t);
  }, []);

  const left = attempt ? Date.parse(attempt.deadlineAt) - (now + offset.current) : 0;
  const running = attempt?.status === 'in_progress';
  useEffect(() => {
    // At the deadline the server submits what was saved; show its result.
    if (running && left <= -1500) load().catch(() => undefined);
  }, [running, left, load]);

  if (!attempt) return <Loading />;

  const save = async (slot: number, answer: Answer) => {
    setAnswers((a) => ({ ...a, [slot]: answer }));
    setStatus((s) => ({ ...s, [slot]: 'saving' }));
    seq.current += 1;
    try {
      const { json } = await httpClient(`${API_URL}/attempts/${attempt.id}/answers/${slot}`, { method: 'PUT', body: JSON.stringify({ answer, seq: seq.current }) });
      setStatus((s) => ({ ...s, [slot]: 'saved' }));
      const deadlineAt = (json as { deadlineAt: string }).deadlineAt;
      if (deadlineAt !== attempt.deadlineAt) setAttempt({ ...attempt, deadlineAt });
    } catch (err) {
      setStatus((s) => ({ ...s, [slot]: (err as Error).message }));
    }
  };
  const submit = async () => {
    if (!window.confirm(translate('xb.training.submit_confirm'))) return;
    try {
      const { json } = await httpClient(`${API_URL}/attempts/${attempt.id}/submit`, { method: 'POST' });
      setAttempt(json as AttemptView);
    } catch (err) {
      notify((err as Error).message, { type: 'error' });
    }
  };

  return (
    <Box sx={{ mt: 1, maxWidth: 820, mx: 'auto' }} data-testid="take-exam">
      <Title title={attempt.examTitle} />
      <Card variant="outlined" sx={{ position: 'sticky', top: 56, zIndex: 2, mb: 2 }}>
        <CardContent sx={{ display: 'flex', alignItems: 'center', gap: 2, flexWrap: 'wrap', py: '12px !important' }}>
          <Typography variant="subtitle1" sx={{ fontWeight: 600, flex: 1 }}>
            {attempt.examTitle}
          </Typography>
          {running ? (
            <Typography variant="h6" color={left < 60_000 ? 'error' : 'primary'} data-testid="countdown">
              {translate('xb.training.time_left', { time: clock(left) })}
            </Typography>
          ) : (
            <Typography data-testid="attempt-submitted">{translate('xb.training.submitted')}</Typography>
          )}
          {running && (
            <Button variant="contained" onClick={submit} data-testid="attempt-submit">
              {translate('xb.training.submit')}
            </Button>
          )}
        </CardContent>
        {running && <LinearProgress aria-label={translate('xb.training.time_left', { time: '' }).trim()} variant="determinate" value={Math.max(0, Math.min(100, (left / (Date.parse(attempt.deadlineAt) - Date.parse(attempt.startedAt))) * 100))} />}
      </Card>
      {running && left < 60_000 && left > 0 && (
        <Alert severity="warning" sx={{ mb: 2 }} data-testid="time-warning">
          {translate('xb.training.time_warning')}
        </Alert>
      )}
      {!running && (
        <Alert severity="info" sx={{ mb: 2 }} data-testid="attempt-result">
          {attempt.score !== undefined && attempt.score !== null ? translate('xb.training.your_score', { score: attempt.score, max: attempt.maxScore, percent: attempt.percent }) : translate('xb.training.not_shown')}
          <Button component={Link} to={`/training/attempts/${attempt.id}/sheet`} size="small" sx={{ ml: 1 }} data-testid="open-answer-sheet">
            {translate('xb.training.print_sheet')}
          </Button>
        </Alert>
      )}
      <Stack spacing={2}>
        {attempt.items.map((item, index) => (
          <Card key={item.slot} variant="outlined" data-testid="paper-item">
            <CardContent>
              <Typography variant="subtitle2" color="text.secondary">
                {translate('xb.training.question_n', { n: index + 1, points: item.points })} · {translate(`xb.training.type.${item.type}`)}
                {status[item.slot] && <span style={{ marginLeft: 8 }}>{status[item.slot] === 'saving' ? translate('xb.training.saving') : status[item.slot] === 'saved' ? translate('xb.training.saved') : translate('xb.training.save_failed', { message: status[item.slot] })}</span>}
              </Typography>
              <Typography sx={{ my: 1 }}>{item.stem}</Typography>
              <ItemInput item={item} value={answers[item.slot] ?? null} disabled={!running} onChange={(v) => save(item.slot, v)} />
              {item.explanation && (
                <Typography variant="body2" color="text.secondary">
                  {item.explanation}
                </Typography>
              )}
            </CardContent>
          </Card>
        ))}
      </Stack>
    </Box>
  );
}

function ItemInput({ item, value, disabled, onChange }: { item: PaperItem; value: Answer; disabled: boolean; onChange: (v: Answer) => void }) {
  const translate = useTranslate();
  if (item.type === 'multiple') {
    const chosen = new Set(Array.isArray(value) ? value : []);
    return (
      <Stack>
        {item.options.map((o) => (
          <FormControlLabel
            key={o.id}
            disabled={disabled}
            control={
              <Checkbox
                checked={chosen.has(o.id)}
                onChange={(e) => {
                  const next = new Set(chosen);
                  if (e.target.checked) next.add(o.id);
                  else next.delete(o.id);
                  onChange(item.options.map((x) => x.id).filter((x) => next.has(x)));
                }}
              />
            }
            label={o.text}
          />
        ))}
      </Stack>
    );
  }
  const options = item.type === 'true_false' ? [{ id: 'true', text: translate('xb.training.true') }, { id: 'false', text: translate('xb.training.false') }] : item.options;
  const current = item.type === 'true_false' ? (value === null ? '' : String(value)) : ((value as string | null) ?? '');
  return (
    <RadioGroup value={current} onChange={(e) => onChange(item.type === 'true_false' ? e.target.value === 'true' : e.target.value)}>
      {options.map((o) => (
        <FormControlLabel key={o.id} value={o.id} disabled={disabled} control={<Radio />} label={o.text} />
      ))}
    </RadioGroup>
  );
}
