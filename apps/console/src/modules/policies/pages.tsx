import { Alert, Box, Card, CardContent, Chip, Stack, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { useEffect, useState } from 'react';
import { Link, Title, useLocaleState, useTranslate } from 'react-admin';
import type { AcknowledgementTask, DrillBoardLine, ReviewBoardLine } from '@xb/contracts/policies';
import { formatDay } from '../../common/DateTimeField';
import { policiesApi } from './api';

function useLoad<T>(path: string): T | null {
  const [data, setData] = useState<T | null>(null);
  useEffect(() => {
    policiesApi<T>('GET', path).then(setData, () => setData(null));
  }, [path]);
  return data;
}

/** 阅知: the versions I must still read and acknowledge; each opens its reading page (the version). */
export function ReadingPage() {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const tasks = useLoad<AcknowledgementTask[]>('/policy-acknowledgements/tasks');
  return (
    <Box sx={{ p: 2 }}>
      <Title title={translate('xb.policies.menu.reading')} />
      {tasks && !tasks.length && <Alert severity="success">{translate('xb.policies.nothing_to_read')}</Alert>}
      <Stack spacing={1} data-testid="reading-list">
        {tasks?.map((t) => (
          <Card key={t.versionId} variant="outlined">
            <CardContent>
              <Link to={`/policy-versions/${t.versionId}/show`} data-testid="reading-task">
                <Typography variant="subtitle1">
                  {t.documentCode} 《{t.documentTitle}》 v{t.versionNumber}
                </Typography>
              </Link>
              <Typography variant="body2" color={t.overdue ? 'error' : 'text.secondary'}>
                {translate('xb.policies.due')} {formatDay(t.dueAt, locale)} {t.overdue ? `· ${translate('xb.policies.overdue')}` : ''}
              </Typography>
            </CardContent>
          </Card>
        ))}
      </Stack>
    </Box>
  );
}

/** 评审到期看板: documents due for review within 30 days or overdue. */
export function ReviewBoardPage() {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const lines = useLoad<ReviewBoardLine[]>('/policy-review-board');
  return (
    <Box sx={{ p: 2 }}>
      <Title title={translate('xb.policies.menu.review_board')} />
      <Table size="small" data-testid="review-board">
        <TableHead>
          <TableRow>
            <TableCell>{translate('resources.policy-documents.fields.code')}</TableCell>
            <TableCell>{translate('resources.policy-documents.fields.title')}</TableCell>
            <TableCell>{translate('resources.policy-documents.fields.ownerUnitName')}</TableCell>
            <TableCell>{translate('resources.policy-documents.fields.lastReviewedAt')}</TableCell>
            <TableCell>{translate('resources.policy-documents.fields.reviewDueAt')}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {lines?.map((l) => (
            <TableRow key={l.documentId}>
              <TableCell>{l.code}</TableCell>
              <TableCell>
                <Link to={`/policy-documents/${l.documentId}/show`}>{l.title}</Link>
              </TableCell>
              <TableCell>{l.ownerUnitName}</TableCell>
              <TableCell>{formatDay(l.lastReviewedAt, locale)}</TableCell>
              <TableCell>
                {formatDay(l.reviewDueAt, locale)}{' '}
                <Chip size="small" color={l.overdue ? 'error' : 'warning'} label={l.overdue ? translate('xb.policies.overdue') : translate('xb.policies.days_left', { days: l.daysLeft })} />
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {lines && !lines.length && <Alert severity="success">{translate('xb.policies.nothing_due')}</Alert>}
    </Box>
  );
}

/** 演练看板: each plan in force, drills per year, overdue when not drilled within its cycle. */
export function DrillBoardPage() {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const lines = useLoad<DrillBoardLine[]>('/drills/board');
  const years = [...new Set((lines ?? []).flatMap((l) => Object.keys(l.perYear)))].sort();
  return (
    <Box sx={{ p: 2 }}>
      <Title title={translate('xb.policies.menu.drill_board')} />
      <Table size="small" data-testid="drill-board">
        <TableHead>
          <TableRow>
            <TableCell>{translate('resources.policy-documents.fields.title')}</TableCell>
            <TableCell>{translate('resources.policy-documents.fields.planBusinessType')}</TableCell>
            {years.map((y) => (
              <TableCell key={y}>{y}</TableCell>
            ))}
            <TableCell>{translate('xb.policies.last_drill')}</TableCell>
            <TableCell>{translate('xb.policies.drill_due')}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {lines?.map((l) => (
            <TableRow key={l.documentId}>
              <TableCell>{l.title}</TableCell>
              <TableCell>{l.planBusinessType ? translate(`xb.policies.business.${l.planBusinessType}`) : ''}</TableCell>
              {years.map((y) => (
                <TableCell key={y}>{l.perYear[y] ?? 0}</TableCell>
              ))}
              <TableCell>{formatDay(l.lastDrilledAt, locale) || '—'}</TableCell>
              <TableCell>
                {formatDay(l.drillDueAt, locale)} {l.overdue && <Chip size="small" color="error" label={translate('xb.policies.overdue')} />}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Box>
  );
}
