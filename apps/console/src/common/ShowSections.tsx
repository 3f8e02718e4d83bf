import { Box, Divider, Grid, Typography } from '@mui/material';
import type { ReactNode } from 'react';
import { useTranslate } from 'react-admin';

/** A titled block of a show page: a grid of fields under a translated heading. */
export function Section({ title, children }: { title: string; children: ReactNode }) {
  const translate = useTranslate();
  return (
    <Box sx={{ mb: 2 }}>
      <Typography variant="subtitle1" sx={{ fontWeight: 600, mb: 1 }}>
        {translate(title)}
      </Typography>
      <Grid container spacing={2}>
        {children}
      </Grid>
      <Divider sx={{ mt: 2 }} />
    </Box>
  );
}

/** One field in a Section: `perRow` fields per row on wide screens, or the whole row when `wide`. */
export const Item = ({ children, wide = false, perRow = 3 }: { children: ReactNode; wide?: boolean; perRow?: 3 | 4 }) => (
  <Grid size={{ xs: 12, sm: wide ? 12 : 6, md: wide ? 12 : 12 / perRow }}>{children}</Grid>
);
