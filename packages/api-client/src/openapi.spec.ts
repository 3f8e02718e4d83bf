/**
 * The OpenAPI document the client is generated from keeps its word: it validates, every
 * operation of every service says what it answers with and how it fails, and every list's
 * filter schema documents exactly the fields the list parser accepts.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import SwaggerParser from '@apidevtools/swagger-parser';
import * as contracts from '@xb/contracts';
import * as campaigns from '@xb/contracts/campaigns';
import * as inspections from '@xb/contracts/inspections';
import * as policies from '@xb/contracts/policies';
import * as training from '@xb/contracts/training';
import { filterFields, type ListSpec } from '@xb/contracts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- walking a parsed JSON document
type Json = Record<string, any>;
const doc = JSON.parse(readFileSync(new URL('../dist/openapi.json', import.meta.url), 'utf8')) as Json;
const METHODS = ['get', 'put', 'post', 'delete', 'patch'];
const operations = Object.entries(doc.paths as Json).flatMap(([path, item]) =>
  Object.entries(item as Json).filter(([m]) => METHODS.includes(m)).map(([method, op]) => ({ name: `${method.toUpperCase()} ${path}`, method, path, op: op as Json })),
);

/** Every list spec the contracts export, by its filter DTO's name. */
const listSpecs = new Map<string, ListSpec>();
for (const mod of [contracts, campaigns, inspections, policies, training] as Json[]) {
  for (const value of Object.values(mod)) {
    if (value && typeof value === 'object' && typeof value.filter === 'function' && Array.isArray(value.sort) && Array.isArray(value.defaultSort)) listSpecs.set(value.filter.name, value as ListSpec);
  }
}

describe('the OpenAPI document (/api/docs-json)', () => {
  it('is a valid OpenAPI 3.0 document', async () => {
    await expect(SwaggerParser.validate(structuredClone(doc) as never)).resolves.toBeDefined();
    expect(doc.openapi).toMatch(/^3\.0\./);
    // Every service of the registry is in it (complaints, training, policies, inspections, campaigns …).
    expect(operations.length).toBeGreaterThan(150);
  });

  it('declares the success response of every operation: a schema, a file type or 204', () => {
    const untyped = operations.filter(({ op }) => {
      const [status, success] = Object.entries(op.responses as Json).find(([k]) => k.startsWith('2')) ?? [];
      if (status === '204') return false;
      const content = (success as Json | undefined)?.content as Json | undefined;
      return !content || Object.values(content).some((c) => !(c as Json).schema);
    });
    expect(untyped.map((o) => o.name)).toEqual([]);
  });

  it('documents the error answers with the one error shape', () => {
    expect(doc.components.schemas.ErrorBody.required).toEqual(expect.arrayContaining(['statusCode', 'error', 'message']));
    for (const { name, op, path } of operations) {
      const codes = Object.keys(op.responses);
      expect({ name, has400: codes.includes('400') }).toEqual({ name, has400: true });
      if (op['x-permission'] !== 'public') expect({ name, has401: codes.includes('401') }).toEqual({ name, has401: true });
      if (typeof op['x-permission'] === 'object') expect({ name, has403: codes.includes('403') }).toEqual({ name, has403: true });
      if (path.includes('{')) expect({ name, has404: codes.includes('404') }).toEqual({ name, has404: true });
    }
    const unauthorized = doc.components.responses.Unauthorized.content['application/json'].schema;
    expect(unauthorized).toEqual({ $ref: '#/components/schemas/ErrorBody' });
  });

  it('gives every list its Content-Range header and a filter schema with exactly the fields the list parser accepts', () => {
    const lists = operations.filter(({ op }) => op.parameters?.some((p: Json) => p.name === 'filter'));
    // complaints, queue, supervision, case archive, users, org units, audit and the four modules’ lists
    expect(lists.length).toBeGreaterThanOrEqual(19);
    for (const { name, op } of lists) {
      const success = Object.entries(op.responses as Json).find(([k]) => k.startsWith('2'))![1] as Json;
      expect({ name, headers: Object.keys(success.headers ?? {}) }).toEqual({ name, headers: ['Content-Range', 'X-Total-Is-Lower-Bound'] });
      const ref = op.parameters.find((p: Json) => p.name === 'filter').content['application/json'].schema.$ref as string;
      const filterName = ref.split('/').pop()!;
      const spec = listSpecs.get(filterName);
      expect({ name, spec: !!spec }).toEqual({ name, spec: true });
      const documented = Object.keys(doc.components.schemas[filterName].properties ?? {}).sort();
      expect({ name, filter: documented }).toEqual({ name, filter: [...filterFields(spec!.filter)].sort() });
      const sort = op.parameters.find((p: Json) => p.name === 'sort').content['application/json'].schema.items.enum as string[];
      expect(sort).toEqual(expect.arrayContaining(['id', ...spec!.sort, 'ASC', 'DESC']));
    }
  });

  it('names no schema it does not define', () => {
    const refs = new Set<string>();
    const walk = (n: unknown): void => {
      if (Array.isArray(n)) return n.forEach(walk);
      if (!n || typeof n !== 'object') return;
      for (const [k, v] of Object.entries(n)) {
        if (k === '$ref') refs.add(v as string);
        else walk(v);
      }
    };
    walk(doc);
    const missing = [...refs].filter((r) => r.startsWith('#/components/schemas/') && !doc.components.schemas[r.split('/').pop()!]);
    expect(missing).toEqual([]);
  });

  it('labels coded values in Chinese and English', () => {
    expect(doc.components.schemas.Channel.description).toContain('`hotline_12345` — 政府服务热线12345转办 / 12345 government hotline');
    expect(doc.components.schemas.ComplaintStatus.description).toMatch(/— .+ \/ /);
    // The modules' statuses carry the words their console shows (apps/gateway/scripts/console-labels.mjs).
    // … and so do the actions, groupings and kinds the contracts label themselves.
    for (const name of [
      'VersionStatus', 'IncidentStatus', 'QuestionType', 'ExamKind', 'InspectionStatus', 'RectificationStatus', 'CampaignStatus',
      'WorkflowAction', 'TimelineAction', 'InspectionAction', 'RectificationAction', 'ActivityAction', 'ClockState', 'DayCounting', 'AnalysisDimension', 'AnalysisGroupBy', 'TotalsGroupBy', 'DiffRowChange', 'FilePurpose',
    ]) {
      const schema = doc.components.schemas[name];
      const described = (schema.enum as string[]).filter((v) => new RegExp(`\`${v}\` — \\S+ / \\S`).test(schema.description ?? ''));
      expect({ name, described }).toEqual({ name, described: schema.enum });
    }
    expect(doc.components.schemas.RectificationStatus.description).toContain('`fix_submitted` — 已提交整改 / Fix submitted');
  });
});
