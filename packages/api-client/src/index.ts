/**
 * The platform's REST API as a typed client: paths, parameters, bodies and responses come from
 * the gateway's OpenAPI document (generated into `./generated/schema.ts` by the build), so a
 * caller that reads a field the API no longer returns fails to compile.
 *
 *   const api = createApiClient('http://127.0.0.1:3000', { token });
 *   const { data, response } = await api.GET('/api/complaints', { params: { query: { filter: { status: 'received' }, range: [0, 24] } } });
 *   listTotal(response); // from Content-Range
 */
import createClient, { type Client, type ClientOptions } from 'openapi-fetch';
import type { components, operations, paths } from './generated/schema.js';

export type { components, operations, paths };
/** Every named schema of the document (`Schemas['ComplaintView']`). */
export type Schemas = components['schemas'];
export type ApiClient = Client<paths>;

/** The list protocol's parameters, sent as JSON text (ra-data-simple-rest). */
const JSON_PARAMS = new Set(['filter', 'range', 'sort']);

/**
 * Lists take `filter`, `range` and `sort` as JSON text; other parameters are plain values,
 * an array as the parameter repeated (OpenAPI's default `form` style).
 */
export function serializeQuery(query: Record<string, unknown>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined) continue;
    if (JSON_PARAMS.has(key)) params.set(key, JSON.stringify(value));
    else if (Array.isArray(value)) for (const v of value) params.append(key, String(v));
    else params.set(key, String(value));
  }
  return params.toString();
}

export interface ApiClientOptions extends Omit<ClientOptions, 'baseUrl' | 'querySerializer'> {
  /** An access token from `POST /api/auth/login`, sent as `Authorization: Bearer …`. */
  token?: string;
}

/** A client of the gateway at `baseUrl` (its origin: paths start with `/api`). */
export function createApiClient(baseUrl: string, options: ApiClientOptions = {}): ApiClient {
  const { token, headers, ...rest } = options;
  return createClient<paths>({
    baseUrl: baseUrl.replace(/\/$/, ''),
    querySerializer: serializeQuery,
    headers: { ...(token ? { Authorization: `Bearer ${token}` } : {}), ...(headers as Record<string, string> | undefined) },
    ...rest,
  });
}

/** The total of a list answer from its `Content-Range: <resource> <start>-<end>/<total>` header. */
export function listTotal(response: Response): { total: number; lowerBound: boolean } {
  const range = response.headers.get('content-range') ?? '';
  const total = Number(range.split('/')[1]);
  if (!Number.isSafeInteger(total)) throw new Error(`not a list answer (Content-Range: "${range}")`);
  return { total, lowerBound: response.headers.get('x-total-is-lower-bound') === 'true' };
}

/** Signs in and returns a client carrying the token. */
export async function signIn(baseUrl: string, username: string, password: string): Promise<ApiClient> {
  const { data, error, response } = await createApiClient(baseUrl).POST('/api/auth/login', { body: { username, password } });
  if (!data) throw new Error(`sign-in of ${username} failed: ${response.status} ${JSON.stringify(error)}`);
  return createApiClient(baseUrl, { token: data.accessToken });
}
