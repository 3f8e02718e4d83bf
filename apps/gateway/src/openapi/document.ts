import { createRequire } from 'node:module';
import { existsSync, readFileSync } from 'node:fs';
import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import * as contracts from '@xb/contracts';
import * as campaigns from '@xb/contracts/campaigns';
import * as inspections from '@xb/contracts/inspections';
import * as policies from '@xb/contracts/policies';
import * as training from '@xb/contracts/training';
import { PERMISSION_EXTENSION } from '../auth/auth.decorators.js';
import { RETURNS_EXTENSION, type Returns, type SchemaRef } from './returns.decorators.js';

type Schema = Record<string, unknown>;
type Operation = {
  responses: Record<string, Record<string, unknown>>;
  parameters?: Array<Record<string, unknown>>;
  requestBody?: unknown;
  [key: string]: unknown;
};

const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

/** The generated schemas of the contracts' exported types (`packages/contracts/scripts/openapi-schemas.mjs`). */
function contractSchemas(): Record<string, Schema> {
  const path = createRequire(import.meta.url).resolve('@xb/contracts/openapi-schemas.json');
  return (JSON.parse(readFileSync(path, 'utf8')) as { schemas: Record<string, Schema> }).schemas;
}

/**
 * Label tables of coded values in the contracts (`Record<code, {zh, en}>` or `[{key, zh, en}]`),
 * so every enum in the document can say what its values mean in both languages.
 */
function enumLabels(): Array<Map<string, { zh: string; en: string }>> {
  const tables: Array<Map<string, { zh: string; en: string }>> = [];
  const isLabel = (v: unknown): v is { zh: string; en: string } => !!v && typeof v === 'object' && typeof (v as { zh?: unknown }).zh === 'string' && typeof (v as { en?: unknown }).en === 'string';
  for (const mod of [contracts, campaigns, inspections, policies, training] as Array<Record<string, unknown>>) {
    for (const value of Object.values(mod)) {
      if (Array.isArray(value) && value.length && value.every((v) => isLabel(v) && typeof (v as { key?: unknown }).key === 'string')) {
        tables.push(new Map(value.map((v: { key: string; zh: string; en: string }) => [v.key, { zh: v.zh, en: v.en }])));
      } else if (value && typeof value === 'object' && !Array.isArray(value)) {
        const entries = Object.entries(value);
        if (entries.length && entries.every(([, v]) => isLabel(v))) tables.push(new Map(entries as Array<[string, { zh: string; en: string }]>));
      }
    }
  }
  // The console's own labels (scripts/console-labels.mjs, written by the build next to this file).
  const consoleLabels = new URL('./console-labels.json', import.meta.url);
  if (existsSync(consoleLabels)) {
    for (const { labels } of JSON.parse(readFileSync(consoleLabels, 'utf8')) as Array<{ labels: Record<string, { zh: string; en: string }> }>) {
      tables.push(new Map(Object.entries(labels)));
    }
  }
  return tables;
}

const errorResponse = (description: string) => ({ description, content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorBody' } } } });

/** The error answers every operation may give, with the platform's one error shape. */
const ERROR_RESPONSES = {
  BadRequest: errorResponse('Invalid input: `details` names every offending field (list filters, ids, body fields)'),
  Unauthorized: errorResponse('No valid access token (sign in at POST /api/auth/login)'),
  Forbidden: errorResponse('The signed-in user lacks the permission this operation needs (`x-permission`), or the record is outside their scope'),
  NotFound: errorResponse('No such record in your scope'),
  Conflict: errorResponse('The record is not in a state that allows this (illegal transition, stale version, duplicate)'),
  Unprocessable: errorResponse('Well-formed but refused by a business rule; `details` says which'),
  ServiceUnavailable: errorResponse('The service behind this operation is not answering; nothing was written'),
};

const jsonContent = (schema: unknown) => ({ 'application/json': { schema } });

/**
 * Turns each operation's `x-returns` into its success response, adds the error responses,
 * the list parameters and headers, the contracts' schemas the operations name (and what those
 * name in turn), and the zh/en labels of enums. Throws on an unknown schema name.
 */
export function completeDocument(document: OpenAPIObject, generated: Record<string, Schema> = contractSchemas()): { document: OpenAPIObject; untyped: string[] } {
  const schemas = (document.components ??= {}).schemas ??= {};
  document.components.responses = { ...document.components.responses, ...ERROR_RESPONSES };
  const untyped: string[] = [];
  const wanted = new Set<string>(['ErrorBody']);
  const ref = (s: SchemaRef): unknown => {
    if (typeof s !== 'string') return s;
    if (!generated[s] && !(schemas as Record<string, unknown>)[s]) throw new Error(`OpenAPI: no contracts type named "${s}" (export it from packages/contracts)`);
    if (generated[s]) wanted.add(s);
    return { $ref: `#/components/schemas/${s}` };
  };

  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of METHODS) {
      const op = (item as Record<string, Operation | undefined>)[method];
      if (!op) continue;
      const name = `${method.toUpperCase()} ${path}`;
      const returns = op[RETURNS_EXTENSION] as Returns | undefined;
      delete op[RETURNS_EXTENSION];
      const successKey = Object.keys(op.responses ?? {}).find((k) => k.startsWith('2')) ?? (method === 'post' ? '201' : '200');
      op.responses ??= {};
      const success: Record<string, unknown> = { description: (op.responses[successKey]?.description as string) || 'OK' };
      if (!returns) untyped.push(name);
      else if (returns.kind === 'json') success.content = jsonContent(returns.array ? { type: 'array', items: ref(returns.schema) } : ref(returns.schema));
      else if (returns.kind === 'file') success.content = Object.fromEntries(returns.mediaTypes.map((m) => [m, { schema: { type: 'string', format: 'binary' } }]));
      else if (returns.kind === 'list') {
        success.content = jsonContent({ type: 'array', items: ref(returns.schema) });
        success.headers = {
          'Content-Range': { description: '`<resource> <start>-<end>/<total>` (ra-data-simple-rest)', schema: { type: 'string', example: 'complaints 0-24/102' } },
          'X-Total-Is-Lower-Bound': { description: '`true` when more rows match than were counted: the total is "at least"', schema: { type: 'string', enum: ['true'] } },
        };
        const params = (op.parameters ??= []).filter((p) => !['filter', 'range', 'sort'].includes(p.name as string));
        params.push(
          { name: 'filter', in: 'query', required: false, description: 'JSON object of filters; an unknown field or a wrong type is a 400 naming it', content: jsonContent({ $ref: `#/components/schemas/${returns.filter}` }) },
          { name: 'range', in: 'query', required: false, description: 'JSON [start, end], rows from 0, at most 1,000 rows; default [0, 24]', content: jsonContent({ type: 'array', items: { type: 'integer', minimum: 0 }, minItems: 2, maxItems: 2 }) },
          { name: 'sort', in: 'query', required: false, description: 'JSON [field, order]', content: jsonContent({ type: 'array', minItems: 2, maxItems: 2, items: { type: 'string', enum: [...returns.sort, 'ASC', 'DESC'] } }) },
        );
        op.parameters = params;
      }
      op.responses[successKey] = success;

      const access = op[PERMISSION_EXTENSION];
      const r = (k: keyof typeof ERROR_RESPONSES) => ({ $ref: `#/components/responses/${k}` });
      op.responses['400'] ??= r('BadRequest');
      if (access !== 'public') op.responses['401'] ??= r('Unauthorized');
      if (access && typeof access === 'object') op.responses['403'] ??= r('Forbidden');
      if (path.includes('{')) op.responses['404'] ??= r('NotFound');
      if (method !== 'get') {
        op.responses['409'] ??= r('Conflict');
        op.responses['422'] ??= r('Unprocessable');
      }
      if (access !== 'public') op.responses['503'] ??= r('ServiceUnavailable');
    }
  }

  // The named schemas and everything they reference.
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!node || typeof node !== 'object') return;
    for (const [k, v] of Object.entries(node)) {
      if (k === '$ref' && typeof v === 'string' && v.startsWith('#/components/schemas/')) {
        const target = v.slice('#/components/schemas/'.length);
        if (generated[target] && !(target in schemas)) {
          (schemas as Record<string, unknown>)[target] = generated[target];
          visit(generated[target]);
        }
      } else visit(v);
    }
  };
  for (const name of wanted) {
    if (!(name in schemas)) (schemas as Record<string, unknown>)[name] = generated[name];
    visit(generated[name]);
  }
  visit(document.paths);

  describeEnums(document, enumLabels());
  return { document, untyped };
}

/** Adds "value — 中文 / English" lines to every enum whose values a label table (contracts or console) covers. */
function describeEnums(document: OpenAPIObject, tables: Array<Map<string, { zh: string; en: string }>>): void {
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    const schema = node as Schema;
    const values = Array.isArray(schema.enum) ? (schema.enum as unknown[]).filter((v): v is string => typeof v === 'string') : [];
    if (values.length) {
      // The table that covers every value with the fewest others (`open|closed` of a campaign, not of a longer list);
      // failing that, one that covers at least 80 % of a longer list (an action added since the console named it).
      const covering = (t: Map<string, { zh: string; en: string }>) => values.filter((v) => t.has(v)).length;
      const table =
        tables.filter((t) => covering(t) === values.length).sort((a, b) => a.size - b.size)[0] ??
        (values.length >= 4 ? tables.filter((t) => covering(t) >= 0.8 * values.length).sort((a, b) => covering(b) - covering(a))[0] : undefined);
      if (table) {
        const lines = values.map((v) => (table.has(v) ? `- \`${v}\` — ${table.get(v)!.zh} / ${table.get(v)!.en}` : `- \`${v}\``)).join('\n');
        schema.description = schema.description ? `${schema.description as string}\n\n${lines}` : lines;
      }
    }
    for (const v of Object.values(schema)) walk(v);
  };
  walk(document.components?.schemas);
  walk(document.paths);
}

/** The platform's OpenAPI document, complete (see `completeDocument`). */
export function buildDocument(app: INestApplication): { document: OpenAPIObject; untyped: string[] } {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('消保 platform API')
      .setDescription(
        'Consumer-rights-protection management platform. Sign in at `POST /api/auth/login` and send the token as `Authorization: Bearer …`. ' +
          'Lists follow the ra-data-simple-rest protocol (`filter`/`range`/`sort` JSON query, `Content-Range` header); errors have one shape (`ErrorBody`). ' +
          'Each operation names the permission it needs in `x-permission`. See docs/api.md.',
      )
      .setVersion('0.1.0')
      .addBearerAuth()
      .build(),
  );
  return completeDocument(document);
}
