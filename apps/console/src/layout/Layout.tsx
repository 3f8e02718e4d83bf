import type { ReactNode } from 'react';
import { AppBar, Layout as RaLayout, Logout, TitlePortal, ToggleThemeButton, UserMenu, useGetIdentity, useTranslate } from 'react-admin';
import { LocaleSwitch } from './LocaleSwitch';
import { Menu } from './Menu';

/**
 * The user menu, named "<the user's name>（个人设置）": its accessible name contains the name it
 * shows (WCAG 2.5.3 label in name) and still says what it is.
 */
function XbUserMenu() {
  const translate = useTranslate();
  const { identity } = useGetIdentity();
  const what = translate('ra.auth.user_menu');
  return (
    <UserMenu label={identity?.fullName ? `${identity.fullName}（${what}）` : what}>
      <Logout />
    </UserMenu>
  );
}

function XbAppBar() {
  return (
    <AppBar
      userMenu={<XbUserMenu />}
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
