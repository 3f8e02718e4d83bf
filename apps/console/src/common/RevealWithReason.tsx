import VisibilityIcon from '@mui/icons-material/Visibility';
import VisibilityOffIcon from '@mui/icons-material/VisibilityOff';
import {
  Alert,
  AlertTitle,
  Button,
  Chip,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  Stack,
  TextField,
  Typography,
} from '@mui/material';
import { useEffect, useState, type ReactNode } from 'react';
import { useNotify, useTranslate } from 'react-admin';

/** Clear values leave the screen after this long (a bank's "show briefly" rule). */
export const REVEAL_VISIBLE_MS = 60_000;

/** The reasons offered as one-click choices (查询事由); any other may be typed. Keys under xb.reveal.presets. */
const PRESETS = ['verify_identity', 'contact_customer', 'regulator_request', 'legal_request'] as const;

/** The server's rule (RevealPiiDto): 2–200 characters, not blank. */
export function reasonError(reason: string): string | undefined {
  const trimmed = reason.trim();
  if (trimmed.length < 2) return 'xb.reveal.reason_required';
  if (reason.length > 200) return 'xb.reveal.reason_too_long';
  return undefined;
}

interface RevealWithReasonProps<T> {
  /** Calls the audited endpoint with the stated reason. */
  reveal: (reason: string) => Promise<T>;
  /** The clear values; rendered only while revealed. */
  children: (value: T) => ReactNode;
  /** Button label key (i18n). */
  label: string;
  /** Title over the clear values (i18n key). */
  title: string;
  /** How long the clear values stay; REVEAL_VISIBLE_MS by default. */
  visibleMs?: number;
  testId?: string;
}

/**
 * "Reveal with reason": a button that asks why (查询事由) in a dialog, calls the audited
 * endpoint with that reason, shows the clear values for `visibleMs` (60 s) with a countdown,
 * then hides them again. The clear values live in this component's state only. Any module
 * revealing personal data uses this, so the reason and the time limit are the same everywhere.
 */
export function RevealWithReason<T>({ reveal, children, label, title, visibleMs = REVEAL_VISIBLE_MS, testId = 'reveal-pii' }: RevealWithReasonProps<T>) {
  const translate = useTranslate();
  const notify = useNotify();
  const [asking, setAsking] = useState(false);
  const [reason, setReason] = useState('');
  const [touched, setTouched] = useState(false);
  const [loading, setLoading] = useState(false);
  const [value, setValue] = useState<{ data: T; until: number } | null>(null);
  const [now, setNow] = useState(() => Date.now());

  // Hide the clear values when their time is up; tick once a second for the countdown.
  useEffect(() => {
    if (!value) return undefined;
    const tick = setInterval(() => setNow(Date.now()), 1000);
    const hide = setTimeout(() => setValue(null), Math.max(0, value.until - Date.now()));
    return () => {
      clearInterval(tick);
      clearTimeout(hide);
    };
  }, [value]);

  const error = reasonError(reason);
  const submit = async () => {
    setTouched(true);
    if (error) return;
    setLoading(true);
    try {
      const data = await reveal(reason.trim());
      setValue({ data, until: Date.now() + visibleMs });
      setNow(Date.now());
      setAsking(false);
      setReason('');
      setTouched(false);
    } catch (e) {
      notify(e instanceof Error && e.message ? e.message : 'xb.reveal.error', { type: 'error' });
    } finally {
      setLoading(false);
    }
  };

  if (value) {
    const seconds = Math.max(0, Math.ceil((value.until - now) / 1000));
    return (
      <Alert
        severity="warning"
        data-testid={`${testId}-revealed`}
        action={
          <Button color="inherit" size="small" startIcon={<VisibilityOffIcon />} onClick={() => setValue(null)}>
            {translate('xb.reveal.hide')}
          </Button>
        }
      >
        <AlertTitle>{translate(title)}</AlertTitle>
        {children(value.data)}
        <Typography variant="caption" data-testid={`${testId}-countdown`}>
          {translate('xb.reveal.hides_in', { seconds })}
        </Typography>
      </Alert>
    );
  }

  return (
    <>
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
        <Button variant="outlined" color="warning" size="small" startIcon={<VisibilityIcon />} onClick={() => setAsking(true)} data-testid={testId}>
          {translate(label)}
        </Button>
        <Typography variant="caption" color="text.secondary">
          {translate('xb.reveal.hint')}
        </Typography>
      </Stack>
      <Dialog open={asking} onClose={() => !loading && setAsking(false)} fullWidth maxWidth="sm" data-testid={`${testId}-dialog`}>
        <DialogTitle>{translate('xb.reveal.dialog_title')}</DialogTitle>
        <DialogContent>
          <Typography variant="body2" sx={{ mb: 2 }}>
            {translate('xb.reveal.dialog_text', { seconds: Math.round(visibleMs / 1000) })}
          </Typography>
          <Stack direction="row" sx={{ flexWrap: 'wrap', gap: 1, mb: 2 }}>
            {PRESETS.map((p) => {
              const text = translate(`xb.reveal.presets.${p}`);
              return <Chip key={p} label={text} variant={reason === text ? 'filled' : 'outlined'} onClick={() => setReason(text)} />;
            })}
          </Stack>
          <TextField
            autoFocus
            fullWidth
            multiline
            minRows={2}
            label={translate('xb.reveal.reason')}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            onBlur={() => setTouched(true)}
            error={touched && !!error}
            helperText={touched && error ? translate(error) : translate('xb.reveal.reason_help')}
            slotProps={{ htmlInput: { 'data-testid': `${testId}-reason` } }}
          />
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setAsking(false)} disabled={loading}>
            {translate('ra.action.cancel')}
          </Button>
          <Button variant="contained" color="warning" onClick={submit} disabled={loading} data-testid={`${testId}-confirm`}>
            {translate('xb.reveal.confirm')}
          </Button>
        </DialogActions>
      </Dialog>
    </>
  );
}
