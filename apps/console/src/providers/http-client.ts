import { fetchUtils, HttpError } from 'react-admin';
import type { ErrorBody } from '../types';
import { session } from './session';

export const API_URL = '/api';

/**
 * fetchJson with the bearer token, and server validation errors reshaped for react-admin:
 * a 400 or 422 whose body lists `details: [{field, message}]` gets `errors: {field: message}`,
 * which the Create/Edit controllers hand to the form so each message appears under its
 * input (and the form notifies the translated "form is not valid"). The error's own
 * message lists the details too, for callers that only show a notification.
 */
export async function httpClient(url: string, options: fetchUtils.Options = {}) {
  const token = session.getToken();
  try {
    return await fetchUtils.fetchJson(url, {
      ...options,
      user: token ? { authenticated: true, token: `Bearer ${token}` } : undefined,
    });
  } catch (error) {
    throw normaliseError(error);
  }
}

function normaliseError(error: unknown): unknown {
  if (!(error instanceof HttpError)) return error;
  const body = error.body as Partial<ErrorBody> | null | undefined;
  // Nest's default validation error carries an array of messages; ours a string.
  const rawMessage: unknown = body?.message;
  const message = Array.isArray(rawMessage)
    ? rawMessage.join('; ')
    : typeof rawMessage === 'string' && rawMessage
      ? rawMessage
      : error.message || 'ra.notification.http_error';
  const details = Array.isArray(body?.details) ? body.details.filter((d) => d && typeof d.field === 'string') : [];
  if ((error.status === 400 || error.status === 422) && details.length > 0) {
    const errors: Record<string, string> = {};
    for (const detail of details) errors[detail.field] ??= detail.message;
    const summary = `${message}: ${details.map((d) => `${d.field} — ${d.message}`).join('; ')}`;
    return new HttpError(summary, error.status, { ...body, errors });
  }
  return new HttpError(message, error.status, body);
}
