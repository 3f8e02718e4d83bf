import type { ReactNode } from 'react';
import { AppBar, Layout as RaLayout, TitlePortal, ToggleThemeButton } from 'react-admin';
import { LocaleSwitch } from './LocaleSwitch';
import { Menu } from './Menu';

function XbAppBar() {
  return (
    <AppBar
      toolbar={
        <>
          <LocaleSwitch />
          <ToggleThemeButton />
        </>
      }
    >
      <TitlePortal />
    </AppBar>
  );
}

export function Layout({ children }: { children: ReactNode }) {
  return (
    <RaLayout appBar={XbAppBar} menu={Menu}>
      {children}
    </RaLayout>
  );
}
