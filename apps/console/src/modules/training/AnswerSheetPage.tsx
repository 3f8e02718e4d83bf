import { Box, Button, GlobalStyles, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { useEffect, useState } from 'react';
import { Loading, Title, useGetIdentity, useLocale, useParams, useTranslate } from 'react-admin';
import type { AttemptView, PaperItem } from '@xb/contracts/training';
import { API_URL, httpClient } from '../../providers/http-client';

/**
 * Print rules: only the sheet is printed (no app bar, menu or buttons), black on white,
 * rows not split across pages.
 */
const PRINT_STYLES = {
  '@media print': {
    'header, .MuiAppBar-root, .RaSidebar-root, .RaMenu-root, [data-print="hide"]': { display: 'none !important' },
    '.RaLayout-appFrame, .RaLayout-content, .RaLayout-contentWithSidebar, main': { margin: '0 !important', padding: '0 !important', background: '#fff !important' },
    '[data-testid="answer-sheet"] tr': { breakInside: 'avoid' },
    body: { background: '#fff' },
  },
} as const;

const optionText = (item: PaperItem, v: string | string[] | boolean | null | undefined, yes: string, no: string): string => {
  if (v === null || v === undefined) return '—';
  if (typeof v === 'boolean') return v ? yes : no;
  const ids = Array.isArray(v) ? v : [v];
  return ids.map((id) => {
    const i = item.options.findIndex((o) => o.id === id);
    return i < 0 ? '?' : `${String.fromCharCode(65 + i)}. ${item.options[i].text}`;
  }).join('；');
};

/**
 * 答题卡: a finished attempt as a printable sheet — each question with the options lettered in
 * paper order, the taker's answer and, as far as the review policy allows (the server decides
 * what the attempt carries), the outcome, the points, the correct answer and the explanation.
 */
export function AnswerSheetPage() {
  const { id } = useParams<{ id: string }>();
  const translate = useTranslate();
  const locale = useLocale();
  const { identity } = useGetIdentity();
  const [attempt, setAttempt] = useState<AttemptView | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    httpClient(`${API_URL}/attempts/${id}`)
      .then(({ json }) => setAttempt(json as AttemptView))
      .catch((e: Error) => setError(e.message));
  }, [id]);
  if (error) return <Typography color="error">{error}</Typography>;
  if (!attempt) return <Loading />;
  if (attempt.status !== 'submitted') return <Typography data-testid="answer-sheet-not-ready">{translate('xb.training.sheet_not_ready')}</Typography>;
  const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString(locale === 'zh-CN' ? 'zh-CN' : 'en-GB') : '—');
  const yes = translate('xb.training.true');
  const no = translate('xb.training.false');
  const showsCorrect = attempt.items.some((i) => i.correct !== undefined);
  const showsOutcome = attempt.items.some((i) => i.outcome !== undefined);
  const showsExplanation = attempt.items.some((i) => i.explanation !== undefined);
  return (
    <Box sx={{ mt: 2, maxWidth: 960, mx: 'auto', bgcolor: 'background.paper', p: 2 }} data-testid="answer-sheet">
      <GlobalStyles styles={PRINT_STYLES} />
      <Title title={translate('xb.training.sheet_title')} />
      <Box data-print="hide" sx={{ display: 'flex', justifyContent: 'flex-end', mb: 1 }}>
        <Button variant="contained" onClick={() => window.print()} data-testid="answer-sheet-print">
          {translate('xb.training.print_sheet')}
        </Button>
      </Box>
      <Typography variant="h5" align="center" gutterBottom>
        {attempt.examTitle} · {translate('xb.training.sheet_title')}
      </Typography>
      <Typography align="center" sx={{ mb: 2 }}>
        {translate('xb.training.sheet_head', { name: identity?.fullName ?? '', n: attempt.number, started: when(attempt.startedAt), finished: when(attempt.finishedAt) })}
        {attempt.score !== undefined && attempt.score !== null && (
          <>
            {' · '}
            {translate('xb.training.your_score', { score: attempt.score, max: attempt.maxScore, percent: attempt.percent })}
            {attempt.passed !== undefined && attempt.passed !== null && ` · ${translate(attempt.passed ? 'xb.training.sheet_passed' : 'xb.training.sheet_failed')}`}
          </>
        )}
      </Typography>
      <Table size="small">
        <TableHead>
          <TableRow>
            <TableCell>#</TableCell>
            <TableCell>{translate('xb.training.sheet_question')}</TableCell>
            <TableCell>{translate('xb.training.sheet_your_answer')}</TableCell>
            {showsCorrect && <TableCell>{translate('xb.training.sheet_correct')}</TableCell>}
            {showsOutcome && <TableCell>{translate('xb.training.sheet_points')}</TableCell>}
          </TableRow>
        </TableHead>
        <TableBody>
          {attempt.items.map((item, i) => (
            <TableRow key={item.slot} data-testid="answer-sheet-row">
              <TableCell sx={{ verticalAlign: 'top' }}>{i + 1}</TableCell>
              <TableCell sx={{ verticalAlign: 'top' }}>
                <div>{item.stem}</div>
                {item.type !== 'true_false' && (
                  <Typography variant="body2" color="text.secondary">
                    {item.options.map((o, k) => `${String.fromCharCode(65 + k)}. ${o.text}`).join('　')}
                  </Typography>
                )}
                {showsExplanation && item.explanation && (
                  <Typography variant="body2" sx={{ mt: 0.5 }}>
                    {translate('xb.training.sheet_explanation')}: {item.explanation}
                  </Typography>
                )}
              </TableCell>
              <TableCell sx={{ verticalAlign: 'top' }}>{optionText(item, item.answer, yes, no)}</TableCell>
              {showsCorrect && <TableCell sx={{ verticalAlign: 'top' }}>{optionText(item, item.correct, yes, no)}</TableCell>}
              {showsOutcome && (
                <TableCell sx={{ verticalAlign: 'top', whiteSpace: 'nowrap' }}>
                  {item.outcome ? translate(`xb.training.outcome.${item.outcome}`) : ''} {item.score ?? ''}/{item.points}
                </TableCell>
              )}
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Box>
  );
}
