import { Alert, AlertTitle, Box, Stack } from '@mui/material';
import { useContext } from 'react';
import {
  Button,
  Edit,
  EditContext,
  HttpError,
  Link,
  useNotify,
  useResourceContext,
  Show,
  ShowContext,
  useTranslate,
  type EditProps,
  type ShowProps,
} from 'react-admin';

const statusOf = (error: unknown): number | undefined => (error instanceof HttpError ? error.status : undefined);

/**
 * What a record page shows when its record cannot be read (any more): a panel in place
 * of the record, saying why — gone or moved outside the user's scope (404: the services
 * answer 404 for both so existence never leaks), not allowed (403), or not reachable — with
 * a way back to the list and, except for 404, a retry.
 */
export function RecordUnavailable() {
  const translate = useTranslate();
  const resource = useResourceContext();
  // On a Show or an Edit page: the controller's error and refetch.
  const show = useContext(ShowContext);
  const edit = useContext(EditContext);
  const { error, refetch } = show ?? edit ?? { error: null, refetch: () => undefined };
  const status = statusOf(error);
  const kind = status === 404 ? 'gone' : status === 403 ? 'forbidden' : 'failed';
  return (
    <Box sx={{ p: 2 }} data-testid="record-unavailable" data-status={status ?? ''}>
      <Alert severity={kind === 'gone' ? 'info' : 'warning'}>
        <AlertTitle>{translate(`xb.record_gone.${kind}_title`)}</AlertTitle>
        {translate(`xb.record_gone.${kind}`)}
        {kind === 'failed' && error instanceof Error && (
          <Box component="small" sx={{ display: 'block', mt: 0.5, color: 'text.secondary' }} data-testid="record-error">
            {error.message}
          </Box>
        )}
        <Stack direction="row" spacing={1} sx={{ mt: 1 }}>
          {resource && <Button component={Link} to={`/${resource}`} label="xb.record_gone.back" variant="outlined" />}
          {kind !== 'gone' && <Button onClick={() => void refetch()} label="ra.action.refresh" />}
        </Stack>
      </Alert>
    </Box>
  );
}

/**
 * Props for a `<Show>` (or an `<Edit>`) so that a record that cannot be read is explained on its page,
 * not with react-admin's default: a "记录不存在" toast (for any error, even a network one
 * during a background refetch) and a redirect to the list, where the toast then lingers
 * over an unrelated page. That is what a user met when a complaint they had open was
 * reassigned outside their scope, or deleted, and the page refreshed.
 * A 404 gives no toast at all (the panel says it); other errors keep one toast with the
 * reason, since they may be passing.
 */
export function useRecordPageErrors(): Pick<ShowProps & EditProps, 'queryOptions' | 'redirectOnError' | 'error'> {
  const notify = useNotify();
  return {
    redirectOnError: false,
    error: <RecordUnavailable />,
    queryOptions: {
      onError: (error: unknown) => {
        const status = statusOf(error);
        if (status === 404) return;
        notify(status === 403 ? 'xb.record_gone.forbidden' : 'xb.record_gone.failed', { type: 'warning' });
      },
    },
  };
}

/** A react-admin `<Show>` whose record, when it cannot be read, is explained on the page (see `useRecordPageErrors`). */
export function RecordShow(props: ShowProps) {
  const errors = useRecordPageErrors();
  return <Show {...errors} {...props} />;
}

/** A react-admin `<Edit>` whose record, when it cannot be read, is explained on the page (see `useRecordPageErrors`). */
export function RecordEdit(props: EditProps) {
  const errors = useRecordPageErrors();
  return <Edit {...errors} {...props} />;
}
