/**
 * The typed client of `@xb/api-client` for system tests, holding the API to its document:
 * every JSON answer of a 2xx status is validated against the response schema the OpenAPI
 * document declares for that operation, and a mismatch fails the request (and the test).
 * So the tests check the contract both ways: at compile time (fields they read exist) and at
 * run time (what the services send is what the document promises).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createApiClient, type ApiClient } from '@xb/api-client';
import { Ajv, type ValidateFunction } from 'ajv';
import type { Middleware } from 'openapi-fetch';

const documentPath = createRequire(import.meta.url).resolve('@xb/api-client/openapi.json');
const DOC_ID = 'openapi';
let ajv: Ajv | undefined;
type Doc = { paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, { schema?: unknown }> }> }>> };
let document: Doc | undefined;
const loadDocument = (): Doc => (document ??= JSON.parse(readFileSync(documentPath, 'utf8')) as Doc);
const validators = new Map<string, ValidateFunction | null>();

/**
 * OpenAPI 3.0's `nullable` as JSON Schema (Ajv accepts `nullable` only beside `type`):
 * `{ type: t, nullable }` → `type: [t, 'null']`, `{ allOf: [$ref], nullable }` → `anyOf: [{ allOf }, { type: 'null' }]`.
 */
function nullableAsJsonSchema(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(nullableAsJsonSchema);
  if (!node || typeof node !== 'object') return node;
  const out: Record<string, unknown> = Object.fromEntries(Object.entries(node).map(([k, v]) => [k, nullableAsJsonSchema(v)]));
  if (out.nullable !== true) return out;
  delete out.nullable;
  if (typeof out.type === 'string') return { ...out, type: [out.type, 'null'] };
  return { anyOf: [out, { type: 'null' }] };
}

/** JSON pointer escaping (RFC 6901). */
const pointer = (...parts: string[]) => parts.map((p) => p.replace(/~/g, '~0').replace(/\//g, '~1')).join('/');

function validatorFor(path: string, method: string, status: number): ValidateFunction | null {
  const key = `${method} ${path} ${status}`;
  if (validators.has(key)) return validators.get(key)!;
  if (!ajv) {
    // OpenAPI 3.0 schemas: `nullable` is understood by Ajv; examples and descriptions are not keywords.
    ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
    ajv.addSchema(nullableAsJsonSchema(loadDocument()) as object, DOC_ID);
  }
  const response = loadDocument().paths[path]?.[method]?.responses?.[String(status)];
  const validator = response?.content?.['application/json']?.schema
    ? ajv.compile({ $ref: `${DOC_ID}#/${pointer('paths', path, method, 'responses', String(status), 'content', 'application/json', 'schema')}` })
    : null;
  validators.set(key, validator);
  return validator;
}

/**
 * Throws unless `body` is what the document declares for `status` of the operation at `path`
 * (a document path such as `/api/complaints/{id}`), naming the offending fields.
 */
export function checkAnswer(path: string, method: string, status: number, body: unknown): void {
  const name = `${method.toUpperCase()} ${path}`;
  if (!loadDocument().paths[path]?.[method]?.responses?.[String(status)]) throw new Error(`${name} answered ${status}, which the OpenAPI document does not declare`);
  const validate = validatorFor(path, method, status);
  if (!validate) throw new Error(`${name} ${status}: JSON answer without a schema in the OpenAPI document`);
  if (!validate(body)) {
    const errors = (validate.errors ?? []).slice(0, 5).map((e) => `${e.instancePath || '(body)'} ${e.message ?? ''}`).join('; ');
    throw new Error(`${name} ${status}: the answer does not match the OpenAPI document: ${errors}`);
  }
}

let templates: Array<{ path: string; pattern: RegExp; literal: number }> | undefined;

/** The document path a concrete URL path answers to (`/api/complaints/9f…/assign` → `/api/complaints/{id}/assign`); literal segments win. */
export function documentPathOf(urlPath: string): string | undefined {
  templates ??= Object.keys(loadDocument().paths)
    .map((path) => ({ path, pattern: new RegExp(`^${path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\\?\{[^}]+\\?\}/g, '[^/]+')}$`), literal: path.replace(/\{[^}]+\}/g, '').length }))
    .sort((a, b) => b.literal - a.literal);
  const path = urlPath.split('?')[0];
  return templates.find((t) => t.pattern.test(path))?.path;
}

/** `checkAnswer` for an answer given by URL (supertest): 2xx JSON answers only. */
export function checkHttpAnswer(method: string, url: string, status: number, contentType: string | undefined, body: unknown): void {
  if (status < 200 || status > 299 || !(contentType ?? '').includes('application/json')) return;
  const urlPath = new URL(url, 'http://x').pathname;
  // The document itself (/api/docs-json) is not an operation of the API.
  if (urlPath.startsWith('/api/docs')) return;
  const path = documentPathOf(urlPath);
  if (!path) throw new Error(`${method.toUpperCase()} ${url}: no such path in the OpenAPI document`);
  checkAnswer(path, method.toLowerCase(), status, body);
}

/** Fails a 2xx JSON answer the document does not describe. */
const holdToDocument: Middleware = {
  async onResponse({ request, response, schemaPath }) {
    if (!response.ok || !(response.headers.get('content-type') ?? '').includes('application/json')) return undefined;
    checkAnswer(schemaPath, request.method.toLowerCase(), response.status, await response.clone().json());
    return undefined;
  },
};

/** A typed client of the gateway at `baseUrl` whose JSON answers are checked against the document. */
export function typedApi(baseUrl: string, token?: string): ApiClient {
  const client = createApiClient(baseUrl, { token });
  client.use(holdToDocument);
  return client;
}
