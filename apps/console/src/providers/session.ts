import type { SessionUser } from '../types';

/**
 * The signed-in session: the JWT and the user the login call returned. Kept in
 * localStorage so a reload stays signed in; cleared on logout and on any 401.
 */
const TOKEN_KEY = 'xb.accessToken';
const USER_KEY = 'xb.user';

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
