import { defaultDarkTheme, defaultLightTheme, type RaThemeOptions } from 'react-admin';

/**
 * react-admin's default themes with colours that meet WCAG 2 AA contrast (4.5:1 for text;
 * GB/T 37668-2019 follows WCAG): the default app bar (#2196f3 under white text, 3.1:1), links
 * and text buttons (#1976d2 on the page background, 4.4:1) and warning chips (#ed6c02 under
 * white, 3.1:1) fall short. The accessibility test (apps/e2e/test/accessibility.spec.ts) holds
 * every module's pages to it.
 */
const AA = {
  primary: { main: '#1565c0', light: '#1e88e5', dark: '#0d47a1', contrastText: '#ffffff' }, // 5.5:1 on #fafafb, 5.8:1 under white
  secondary: { main: '#1565c0', light: '#1e88e5', dark: '#0d47a1', contrastText: '#ffffff' }, // the app bar
  warning: { main: '#b25000', light: '#ed6c02', dark: '#8a3e00', contrastText: '#ffffff' }, // 5.2:1 under white
  info: { main: '#01579b', light: '#0288d1', dark: '#002f6c', contrastText: '#ffffff' },
  success: { main: '#2e7d32', light: '#4caf50', dark: '#1b5e20', contrastText: '#ffffff' },
  error: { main: '#c62828', light: '#ef5350', dark: '#8e0000', contrastText: '#ffffff' },
};

export const lightTheme: RaThemeOptions = {
  ...defaultLightTheme,
  palette: { ...defaultLightTheme.palette, ...AA },
};

/** Dark mode keeps react-admin's dark palette (light text on dark surfaces already passes) with readable status colours. */
export const darkTheme: RaThemeOptions = {
  ...defaultDarkTheme,
  palette: { ...defaultDarkTheme.palette, warning: { main: '#ffb74d' }, info: { main: '#4fc3f7' } },
};
