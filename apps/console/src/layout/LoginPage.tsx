import { Box } from '@mui/material';
import { Login, LoginForm } from 'react-admin';
import { LocaleSwitch } from './LocaleSwitch';

/** The stock login form, plus the language switch so one can sign in in either language. */
export function LoginPage() {
  return (
    <Login>
      <LoginForm />
      <Box sx={{ display: 'flex', justifyContent: 'center', pb: 1 }}>
        <LocaleSwitch />
      </Box>
    </Login>
  );
}
