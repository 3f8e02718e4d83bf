import { Box, LinearProgress, Typography } from '@mui/material';
import type { ExamView } from '@xb/contracts/training';
import { useTranslate } from 'react-admin';

/**
 * 参考进度: finished of the audience in the reader's scope as a bar, with the passes; a dash
 * for a draft. Its own file: the home page uses it too, and importing the exam pages from
 * there would close an import cycle through the module list.
 */
export function ExamProgressBar({ progress }: { progress: ExamView['progress'] }) {
  const translate = useTranslate();
  if (!progress) return <>—</>;
  const percent = progress.assigned ? Math.min(100, Math.round((progress.finished / progress.assigned) * 100)) : 0;
  return (
    <Box component="span" sx={{ display: 'block', minWidth: 150 }} data-testid="exam-progress">
      <LinearProgress variant="determinate" value={percent} role="meter" aria-label={translate('xb.training.progress_label')} />
      <Typography variant="caption" sx={{ whiteSpace: 'nowrap' }}>
        {translate('xb.training.progress_line', progress)}
      </Typography>
    </Box>
  );
}

