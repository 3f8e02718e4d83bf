import type { SessionUser } from '../types';

/**
 * The signed-in session: the JWT and the user the login call returned. Kept in
 * localStorage so a reload stays signed in; cleared on logout and on any 401.
 */
const TOKEN_KEY = 'xb.accessToken';
const USER_KEY = 'xb.user';
/** Where a signed-out visitor was going (a deep link), kept for the tab until they sign in. */
const NEXT_PATH_KEY = 'xb.nextPath';
const LOGIN_PATH = '/login';

export const session = {
  getToken(): string | null {
    return localStorage.getItem(TOKEN_KEY);
  },

  getUser(): SessionUser | null {
    const raw = localStorage.getItem(USER_KEY);
    if (!raw) return null;
    try {
      return JSON.parse(raw) as SessionUser;
    } catch {
      return null;
    }
  },

  save(token: string, user: SessionUser): void {
    localStorage.setItem(TOKEN_KEY, token);
    localStorage.setItem(USER_KEY, JSON.stringify(user));
  },

  saveUser(user: SessionUser): void {
    localStorage.setItem(USER_KEY, JSON.stringify(user));
  },

  clear(): void {
    localStorage.removeItem(TOKEN_KEY);
    localStorage.removeItem(USER_KEY);
  },

  /**
   * Sends a visitor without a valid session straight to the login page, remembering the page
   * they asked for. Done before react-admin mounts: its own route guard (LogoutOnMount) re-runs
   * logout in a loop against our synchronous auth checks and froze the console for 11–17 s.
   * Returns true when it redirected.
   */
  redirectToLoginIfSignedOut(): boolean {
    if (this.isValid()) return false;
    const path = window.location.hash.replace(/^#/, '') || '/';
    if (path.startsWith(LOGIN_PATH)) return false;
    // Whose page it was: after signing in as someone else, that page would only answer
    // "记录不存在" (outside the new user's scope) — a stale error on the first page they see.
    const userId = this.getUser()?.id ?? null;
    this.clear();
    if (path !== '/') sessionStorage.setItem(NEXT_PATH_KEY, JSON.stringify({ path, userId }));
    window.location.replace(`${window.location.pathname}${window.location.search}#${LOGIN_PATH}`);
    return true;
  },

  /**
   * The deep link a signed-out visitor asked for (once), or '/': only for the user who was
   * signed in there (an expired session) or for a visitor who opened the link signed out.
   */
  takeNextPath(userId?: string): string {
    const raw = sessionStorage.getItem(NEXT_PATH_KEY);
    sessionStorage.removeItem(NEXT_PATH_KEY);
    const next = parseNextPath(raw);
    const path = typeof next?.path === 'string' ? next.path : '';
    if (next?.userId && userId && next.userId !== userId) return '/';
    return path.startsWith('/') && !path.startsWith(LOGIN_PATH) ? path : '/';
  },

  /** True while a token is stored and its `exp` claim (if readable) lies in the future. */
  isValid(): boolean {
    const token = this.getToken();
    if (!token) return false;
    const exp = readExpiry(token);
    return exp === null || exp * 1000 > Date.now();
  },
};

function readExpiry(token: string): number | null {
  const payload = token.split('.')[1];
  if (!payload) return null;
  try {
    const json = atob(payload.replace(/-/g, '+').replace(/_/g, '/'));
    const exp = (JSON.parse(json) as { exp?: unknown }).exp;
    return typeof exp === 'number' ? exp : null;
  } catch {
    return null;
  }
}

function parseNextPath(raw: string | null): { path?: unknown; userId?: unknown } | null {
  if (!raw) return null;
  try {
    return JSON.parse(raw) as { path?: unknown; userId?: unknown };
  } catch {
    return null;
  }
}
