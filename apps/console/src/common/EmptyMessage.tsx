import { Box, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';

/** A list's empty state: one translated sentence saying why there is nothing to show. */
export function EmptyMessage({ message }: { message: string }) {
  const translate = useTranslate();
  return (
    <Box sx={{ p: 4 }}>
      <Typography color="text.secondary">{translate(message)}</Typography>
    </Box>
  );
}
