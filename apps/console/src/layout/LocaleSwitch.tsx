import { Box } from '@mui/material';
import { LocalesMenuButton } from 'react-admin';

/** LocalesMenuButton does not pass props through, so the test hook sits on a wrapper. */
export function LocaleSwitch() {
  return (
    <Box component="span" data-testid="locale-switch" sx={{ display: 'inline-flex' }}>
      <LocalesMenuButton />
    </Box>
  );
}
