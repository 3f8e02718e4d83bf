import { HttpError, type AuthProvider } from 'react-admin';
import type { SessionUser } from '../types';
import { canRole } from './access';
import { API_URL, httpClient } from './http-client';
import { session } from './session';

interface LoginResponse {
  accessToken: string;
  user: SessionUser;
}

/** A refusal react-admin does not announce: its auth hooks skip the notification when `message` is `false`. */
class SilentAuthError extends Error {
  constructor() {
    super('signed out');
    Object.defineProperty(this, 'message', { value: false });
  }
}

export const authProvider: AuthProvider = {
  async login({ username, password }: { username: string; password: string }) {
    try {
      const { json } = await httpClient(`${API_URL}/auth/login`, {
        method: 'POST',
        body: JSON.stringify({ username, password }),
      });
      const { accessToken, user } = json as LoginResponse;
      session.save(accessToken, user);
      // Back to the deep link the visitor opened while signed out (not another user's page).
      return { redirectTo: session.takeNextPath(user.id) };
    } catch (error) {
      if (error instanceof HttpError) {
        // 401: translated text; 423 (locked): the server says until when.
        if (error.status === 401 || error.status === 400) {
          throw new Error('xb.auth.invalid_credentials', { cause: error });
        }
        if (error.status === 423) throw new Error(error.message || 'xb.auth.locked', { cause: error });
        // 429: too many failed sign-ins from this address; translated text.
        if (error.status === 429) throw new Error('xb.auth.throttled', { cause: error });
      }
      throw error;
    }
  },

  async logout() {
    session.clear();
  },

  async checkAuth() {
    if (!session.isValid()) {
      // No token at all means signed out (the user left, or a 401 cleared it): the login page
      // says all, so no "请登录后继续" toast. react-admin checks again while a page unmounts
      // after signing out, and that toast then lingered into the next user's home page.
      const signedOut = session.getToken() === null;
      // Off the login page: go there now; on it (react-admin's Login asks too): just say no.
      session.redirectToLoginIfSignedOut();
      throw signedOut ? new SilentAuthError() : new Error('ra.auth.auth_check_error');
    }
  },

  async checkError(error: { status?: number }) {
    if (error?.status === 401) {
      // Expired or revoked token: straight to the login page, back here after signing in.
      session.clear();
      session.redirectToLoginIfSignedOut();
      throw new Error('ra.notification.logged_out');
    }
    // 403 and the rest: stay signed in; the page shows the error.
  },

  async getIdentity() {
    const user = session.getUser();
    if (!user) throw new Error('ra.auth.auth_check_error');
    return { ...user, fullName: user.displayName || user.username };
  },

  async getPermissions() {
    return session.getUser()?.roles ?? [];
  },

  async canAccess({ resource, action }) {
    return canRole(session.getUser()?.roles, resource, action);
  },
};
