// First: the leaf module is then evaluated before the import cycle through server-errors (see api-url.ts).
import { API_URL } from './api-url';
import { fetchUtils, HttpError } from 'react-admin';
import { localiseDetail } from '../common/server-errors';
import type { ErrorBody, ErrorDetail } from '../types';
import { session } from './session';

export { API_URL };

/**
 * fetchJson with the bearer token, and server validation errors reshaped for react-admin:
 * a 400 or 422 whose body lists `details: [{field, message, constraint}]` gets
 * `errors: {field: message}`, which the Create/Edit controllers (and our action dialogs)
 * hand to the form so each message appears under its input, in the UI language when the
 * constraint is one we know (common/server-errors.ts). The error's own message lists the
 * details too, for callers that only show a notification.
 */
export async function httpClient(url: string, options: fetchUtils.Options = {}) {
  const token = session.getToken();
  try {
    return await fetchUtils.fetchJson(url, {
      ...options,
      user: token ? { authenticated: true, token: `Bearer ${token}` } : undefined,
    });
  } catch (error) {
    throw normaliseError(error, url);
  }
}

/** A random UUID; `crypto.randomUUID` exists only in secure contexts (HTTPS, localhost), so fall back on getRandomValues. */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const hex = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

const RETRY_DELAY_MS = 800;

/**
 * For the data provider: every POST carries an `Idempotency-Key` (a fresh one unless the
 * caller passes its own), and a POST that never got an answer — the network failed, not
 * the server — is sent once more with the same key, so the server answers the retry with
 * the first result instead of acting twice.
 */
export async function apiClient(url: string, options: fetchUtils.Options = {}) {
  if ((options.method ?? 'GET').toUpperCase() !== 'POST') return httpClient(url, options);
  const headers = new Headers(options.headers as HeadersInit | undefined);
  if (!headers.has('Idempotency-Key')) headers.set('Idempotency-Key', newIdempotencyKey());
  const withKey = { ...options, headers };
  try {
    return await httpClient(url, withKey);
  } catch (error) {
    if (error instanceof HttpError) throw error;
    await new Promise((resolve) => setTimeout(resolve, RETRY_DELAY_MS));
    return httpClient(url, withKey);
  }
}

/** A file the server generated (report, template), with the name it gave it. */
export interface DownloadedFile {
  blob: Blob;
  filename: string;
  contentType: string;
}

/** GET a binary with the bearer token; errors become the same HttpError as JSON calls. */
export async function fetchFile(url: string, fallbackName: string): Promise<DownloadedFile> {
  const token = session.getToken();
  const res = await fetch(url, { headers: token ? { Authorization: `Bearer ${token}` } : {} });
  if (!res.ok) throw await httpErrorOf(res, url);
  const blob = await res.blob();
  return {
    blob,
    filename: filenameOf(res.headers.get('Content-Disposition')) ?? fallbackName,
    contentType: res.headers.get('Content-Type') ?? blob.type,
  };
}

/** POST multipart form data with the bearer token (and an idempotency key); JSON answer. */
export async function postForm<T>(url: string, form: FormData, idempotencyKey?: string): Promise<T> {
  const token = session.getToken();
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (token) headers.Authorization = `Bearer ${token}`;
  if (idempotencyKey) headers['Idempotency-Key'] = idempotencyKey;
  const res = await fetch(url, { method: 'POST', body: form, headers });
  if (!res.ok) throw await httpErrorOf(res, url);
  return (await res.json()) as T;
}

async function httpErrorOf(res: Response, url: string): Promise<unknown> {
  const text = await res.text().catch(() => '');
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = null;
  }
  return normaliseError(new HttpError(text || res.statusText, res.status, body), url);
}

/**
 * The file name from `Content-Disposition`: RFC 5987 `filename*=UTF-8''…` first (Chinese
 * names travel that way), then a plain `filename="…"`.
 */
export function filenameOf(header: string | null): string | null {
  if (!header) return null;
  const star = /filename\*\s*=\s*([^']*)'[^']*'([^;]+)/i.exec(header);
  if (star) {
    try {
      return decodeURIComponent(star[2].trim().replace(/^"|"$/g, ''));
    } catch {
      // fall through to the plain name
    }
  }
  const plain = /filename\s*=\s*("([^"]*)"|[^;]+)/i.exec(header);
  if (plain) return (plain[2] ?? plain[1]).trim();
  return null;
}

/** `…/api/complaints/abc/resolve?x` → `complaints`: whose field labels name the inputs. */
function resourceOf(url: string): string {
  const path = url.split('?')[0];
  const at = path.indexOf(`${API_URL}/`);
  const rest = at >= 0 ? path.slice(at + API_URL.length + 1) : path.replace(/^\//, '');
  return rest.split('/')[0] ?? '';
}

function normaliseError(error: unknown, url: string): unknown {
  if (!(error instanceof HttpError)) return error;
  const body = error.body as Partial<ErrorBody> | null | undefined;
  // Nest's default validation error carries an array of messages; ours a string.
  const rawMessage: unknown = body?.message;
  const message = Array.isArray(rawMessage)
    ? rawMessage.join('; ')
    : typeof rawMessage === 'string' && rawMessage
      ? rawMessage
      : error.message || 'ra.notification.http_error';
  const details: ErrorDetail[] = Array.isArray(body?.details) ? body.details.filter((d) => d && typeof d.field === 'string') : [];
  // Row-numbered details belong to a bulk import: its page shows them as a table, not under inputs.
  const fieldDetails = details.filter((d) => d.row === undefined);
  if ((error.status === 400 || error.status === 422) && fieldDetails.length > 0) {
    const resource = resourceOf(url);
    const errors: Record<string, string> = {};
    for (const detail of fieldDetails) errors[detail.field] ??= localiseDetail(detail, resource);
    const summary = `${message}: ${fieldDetails.map((d) => `${d.field} — ${d.message}`).join('; ')}`;
    return new HttpError(summary, error.status, { ...body, errors });
  }
  return new HttpError(message, error.status, body);
}
