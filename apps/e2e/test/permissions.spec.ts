/**
 * Every gateway route × every role, generated from the permissions table. The routes come
 * from the running gateway's OpenAPI document (`/api/docs-json`), each operation naming its
 * row in `x-permission` (the same decorator the guard reads). For every route this test
 * signs in one user per role inside the sample records' scope (资阳分行) and one per role
 * outside it (绵阳分行), and checks the status each gets:
 *   - a role the table refuses: 403, from the gateway;
 *   - a role it allows, in scope: the route's sample status (200, or the 400/409/422 a
 *     deliberately harmless request earns once past the guard);
 *   - the same role out of scope on a scoped row: 404 for a record (or 403 for a unit it
 *     may not register for), and lists that leave the record out;
 *   - no token: 401 (public routes aside).
 * A route without a permission, a permission without a row, or a route without a sample
 * fails, naming the route and where to add it.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mayDo, permissionEntries, permissionRule, ROLES, type Role } from '@xb/contracts';
import request from 'supertest';
import { api, DEMO_PASSWORD, startStack, type Stack } from '../src/stack.js';

type Method = 'get' | 'post' | 'put' | 'delete';
type Access = { resource: string; action: string } | 'authenticated' | 'public';

interface Operation {
  method: Method;
  /** As the OpenAPI document spells it: `/api/complaints/{id}/assign`. */
  path: string;
  access: Access | undefined;
}

/** The ids a sample request may use; all of them lie in 资阳分行's subtree (or are bank-wide). */
interface Fixtures {
  complaintId: string;
  typicalCaseId: string;
  userId: string;
  unitId: string;
  branchId: string;
  handlerId: string;
  auditId: string;
  /** The in-scope admin of this test: deleting oneself is refused (422) without deleting anything. */
  scopeAdminId: string;
}

interface Sample {
  /** The concrete path (and query) to call. */
  url(f: Fixtures): string;
  body?(f: Fixtures): object;
  /** multipart without a file. */
  multipart?: true;
  /** What an allowed role inside the records' scope gets. */
  status: number;
  /** What an allowed role outside it gets, when the row is scoped and that differs. */
  outOfScope?: number;
  /** A list whose answer, outside the scope, must not contain this record. */
  hides?: (f: Fixtures) => string;
}

/** A stale version: the action passes the guard, reaches the service, and changes nothing (409 in scope, 404 outside). */
const STALE = 999_999;
const workflow = (body: (f: Fixtures) => object): Sample => ({
  url: (f) => `/api/complaints/${f.complaintId}`,
  body: (f) => ({ version: STALE, ...body(f) }),
  status: 409,
  outOfScope: 404,
});
const now = () => new Date().toISOString();
/** An id no record has (a valid UUID v4). */
const NO_ID = '00000000-0000-4000-8000-0000000000ff';
/** A file id that names no file. */
const NO_FILE = '00000000-0000-4000-8000-000000000000';

/** One harmless request per route, keyed "METHOD /api/path" as in the OpenAPI document. Add a line for every new route. */
const SAMPLES: Record<string, Sample> = {
  'GET /api/health': { url: () => '/api/health', status: 200 },
  'POST /api/auth/login': { url: () => '/api/auth/login', body: () => ({}), status: 400 },
  'GET /api/auth/me': { url: () => '/api/auth/me', status: 200 },

  'GET /api/org-units': { url: () => '/api/org-units?range=[0,99]', status: 200, hides: (f) => f.unitId },
  'GET /api/org-units/{id}': { url: (f) => `/api/org-units/${f.unitId}`, status: 200, outOfScope: 404 },
  'POST /api/org-units': { url: () => '/api/org-units', body: () => ({}), status: 400 },
  'PUT /api/org-units/{id}': { url: (f) => `/api/org-units/${f.unitId}`, body: () => ({}), status: 200, outOfScope: 404 },
  // A unit with children is never deleted (409); outside the scope it does not exist (404).
  'DELETE /api/org-units/{id}': { url: (f) => `/api/org-units/${f.unitId}`, status: 409, outOfScope: 404 },

  'GET /api/users': { url: () => '/api/users?range=[0,99]', status: 200, hides: (f) => f.userId },
  'GET /api/users/names': { url: (f) => `/api/users/names?ids=${f.userId}`, status: 200 },
  'GET /api/users/{id}': { url: (f) => `/api/users/${f.userId}`, status: 200, outOfScope: 404 },
  'POST /api/users': { url: () => '/api/users', body: () => ({}), status: 400 },
  'PUT /api/users/{id}': { url: (f) => `/api/users/${f.userId}`, body: () => ({}), status: 200, outOfScope: 404 },
  'DELETE /api/users/{id}': { url: (f) => `/api/users/${f.scopeAdminId}`, status: 422, outOfScope: 404 },

  'GET /api/audit-log': { url: () => '/api/audit-log?range=[0,9]', status: 200 },
  'GET /api/audit-log/verify': { url: () => '/api/audit-log/verify', status: 200 },
  'GET /api/audit-log/{id}': { url: (f) => `/api/audit-log/${f.auditId}`, status: 200 },

  'POST /api/complaints': {
    url: () => '/api/complaints',
    body: (f) => ({
      channel: 'counter',
      businessCategory: 'deposit',
      cause: 'attitude',
      orgUnitId: f.branchId,
      customerName: '孙权限',
      customerPhone: '13800001111',
      description: '柜面服务态度差，要求道歉。',
    }),
    status: 201,
    // Registering for a unit outside one's scope is refused by the service.
    outOfScope: 403,
  },
  'GET /api/complaints': { url: () => '/api/complaints?range=[0,99]', status: 200, hides: (f) => f.complaintId },
  'GET /api/complaints/count': { url: () => '/api/complaints/count', status: 200 },
  'GET /api/complaints/queue': { url: () => '/api/complaints/queue?range=[0,99]', status: 200, hides: (f) => f.complaintId },
  'GET /api/complaints/supervision': { url: () => '/api/complaints/supervision', status: 200 },
  'POST /api/complaints/supervision/run-now': { url: () => '/api/complaints/supervision/run-now', body: () => ({}), status: 200 },
  'GET /api/complaints/{id}': { url: (f) => `/api/complaints/${f.complaintId}`, status: 200, outOfScope: 404 },
  'GET /api/complaints/{id}/timeline': { url: (f) => `/api/complaints/${f.complaintId}/timeline`, status: 200, outOfScope: 404 },
  'POST /api/complaints/{id}/pii': { url: (f) => `/api/complaints/${f.complaintId}/pii`, body: () => ({ reason: '核实客户身份' }), status: 200, outOfScope: 404 },
  'POST /api/complaints/{id}/assign': { ...workflow((f) => ({ orgUnitId: f.branchId, handlerId: f.handlerId })), url: (f) => `/api/complaints/${f.complaintId}/assign` },
  'POST /api/complaints/{id}/start': { ...workflow(() => ({})), url: (f) => `/api/complaints/${f.complaintId}/start` },
  'POST /api/complaints/{id}/resolve': {
    ...workflow(() => ({ outcome: 'upheld', resolution: '已核实并道歉。' })),
    url: (f) => `/api/complaints/${f.complaintId}/resolve`,
  },
  'POST /api/complaints/{id}/reply': { ...workflow(() => ({ method: 'phone', informedAt: now() })), url: (f) => `/api/complaints/${f.complaintId}/reply` },
  'POST /api/complaints/{id}/close': {
    ...workflow(() => ({ satisfaction: 'satisfied', disputesOutcome: false })),
    url: (f) => `/api/complaints/${f.complaintId}/close`,
  },
  'POST /api/complaints/{id}/reject': { ...workflow(() => ({ reason: '不属于受理范围' })), url: (f) => `/api/complaints/${f.complaintId}/reject` },
  'POST /api/complaints/{id}/withdraw': { ...workflow(() => ({ reason: '客户撤诉' })), url: (f) => `/api/complaints/${f.complaintId}/withdraw` },
  'POST /api/complaints/{id}/reopen': { ...workflow(() => ({ newFacts: '客户提供了新的证据' })), url: (f) => `/api/complaints/${f.complaintId}/reopen` },
  'POST /api/complaints/{id}/extend': {
    ...workflow(() => ({ reason: '案情复杂', customerNotifiedAt: now() })),
    url: (f) => `/api/complaints/${f.complaintId}/extend`,
  },
  'POST /api/complaints/{id}/pause': { ...workflow(() => ({ reason: '第三方检测' })), url: (f) => `/api/complaints/${f.complaintId}/pause` },
  'POST /api/complaints/{id}/resume': { ...workflow(() => ({})), url: (f) => `/api/complaints/${f.complaintId}/resume` },
  'POST /api/complaints/{id}/mark-typical': {
    ...workflow(() => ({ rootCause: '告知不到位', lessons: '加强告知', tags: ['告知'] })),
    url: (f) => `/api/complaints/${f.complaintId}/mark-typical`,
  },
  'GET /api/complaints/{id}/attachments': { url: (f) => `/api/complaints/${f.complaintId}/attachments`, status: 200, outOfScope: 404 },
  // No fileId: refused by validation before anything is attached.
  'POST /api/complaints/{id}/attachments': { url: (f) => `/api/complaints/${f.complaintId}/attachments`, body: () => ({}), status: 400 },
  // Evidence files: an upload without a file is 400; an unknown file is 404 to everyone who may ask.
  'POST /api/files': { url: () => '/api/files', multipart: true, status: 400 },
  'POST /api/files/cleanup': { url: () => '/api/files/cleanup', body: () => ({}), status: 200 },
  'GET /api/files/{id}/meta': { url: () => `/api/files/${NO_FILE}/meta`, status: 404 },
  'GET /api/files/{id}/thumbnail': { url: () => `/api/files/${NO_FILE}/thumbnail`, status: 404 },
  'GET /api/files/{id}': { url: () => `/api/files/${NO_FILE}`, status: 404 },
  'GET /api/complaints/analysis': { url: () => '/api/complaints/analysis?from=2026-01-01&to=2026-12-31', status: 200 },
  'GET /api/complaints/reports/quarterly': { url: () => '/api/complaints/reports/quarterly?year=2026&quarter=4&format=html', status: 200 },
  'GET /api/complaints/import/template': { url: () => '/api/complaints/import/template', status: 200 },
  'POST /api/complaints/import': { url: () => '/api/complaints/import?dryRun=true', multipart: true, status: 400 },
  'GET /api/reference/complaint-codes': { url: () => '/api/reference/complaint-codes', status: 200 },

  'GET /api/case-archive': { url: () => '/api/case-archive', status: 200 },
  'GET /api/case-archive/{id}': { url: (f) => `/api/case-archive/${f.typicalCaseId}`, status: 200 },

  // Policies (bank-wide rows): lists answer 200, an unknown id 404, an empty body 400 — for every role the table allows.
  'GET /api/policy-documents': { url: () => '/api/policy-documents', status: 200 },
  'POST /api/policy-documents': { url: () => '/api/policy-documents', body: () => ({}), status: 400 },
  'GET /api/policy-documents/{id}': { url: () => `/api/policy-documents/${NO_FILE}`, status: 404 },
  'PUT /api/policy-documents/{id}': { url: () => `/api/policy-documents/${NO_FILE}`, body: () => ({}), status: 404 },
  'GET /api/policy-documents/{id}/in-force': { url: () => `/api/policy-documents/${NO_FILE}/in-force?at=2026-01-01`, status: 404 },
  'POST /api/policy-documents/{id}/reviewed': { url: () => `/api/policy-documents/${NO_FILE}/reviewed`, body: () => ({}), status: 400 },
  'GET /api/policy-review-board': { url: () => '/api/policy-review-board', status: 200 },
  'GET /api/policy-versions': { url: () => '/api/policy-versions', status: 200 },
  'POST /api/policy-versions': { url: () => '/api/policy-versions', body: () => ({}), status: 400 },
  'GET /api/policy-versions/{id}': { url: () => `/api/policy-versions/${NO_FILE}`, status: 404 },
  'PUT /api/policy-versions/{id}': { url: () => `/api/policy-versions/${NO_FILE}`, body: () => ({}), status: 404 },
  'POST /api/policy-versions/{id}/submit': { url: () => `/api/policy-versions/${NO_FILE}/submit`, body: () => ({}), status: 404 },
  'POST /api/policy-versions/{id}/review': { url: () => `/api/policy-versions/${NO_FILE}/review`, body: () => ({}), status: 400 },
  'POST /api/policy-versions/{id}/publish': { url: () => `/api/policy-versions/${NO_FILE}/publish`, body: () => ({}), status: 404 },
  'POST /api/policy-versions/{id}/retire': { url: () => `/api/policy-versions/${NO_FILE}/retire`, body: () => ({}), status: 404 },
  'POST /api/policy-versions/{id}/findings': { url: () => `/api/policy-versions/${NO_FILE}/findings`, body: () => ({}), status: 400 },
  'GET /api/policy-versions/{id}/history': { url: () => `/api/policy-versions/${NO_FILE}/history`, status: 404 },
  'GET /api/policy-versions/{id}/diff': { url: () => `/api/policy-versions/${NO_FILE}/diff`, status: 400 },
  'POST /api/policy-versions/{id}/acknowledge': { url: () => `/api/policy-versions/${NO_FILE}/acknowledge`, body: () => ({}), status: 400 },
  'GET /api/policy-acknowledgements/tasks': { url: () => '/api/policy-acknowledgements/tasks', status: 200 },
  'GET /api/policy-acknowledgements/rates': { url: () => '/api/policy-acknowledgements/rates', status: 400 },
  'GET /api/policy-versions/{id}/cancelled-acknowledgements': { url: () => `/api/policy-versions/${NO_FILE}/cancelled-acknowledgements`, status: 404 },
  'GET /api/incidents': { url: () => '/api/incidents', status: 200 },
  'POST /api/incidents': { url: () => '/api/incidents', body: () => ({}), status: 400 },
  'GET /api/incidents/{id}': { url: () => `/api/incidents/${NO_FILE}`, status: 404 },
  'POST /api/incidents/{id}/level': { url: () => `/api/incidents/${NO_FILE}/level`, body: () => ({}), status: 400 },
  'POST /api/incidents/{id}/steps': { url: () => `/api/incidents/${NO_FILE}/steps`, body: () => ({}), status: 400 },
  'POST /api/incidents/{id}/timeline': { url: () => `/api/incidents/${NO_FILE}/timeline`, body: () => ({}), status: 400 },
  'POST /api/incidents/{id}/close': { url: () => `/api/incidents/${NO_FILE}/close`, body: () => ({}), status: 400 },
  'GET /api/drills': { url: () => '/api/drills', status: 200 },
  'GET /api/drills/board': { url: () => '/api/drills/board', status: 200 },
  'POST /api/drills': { url: () => '/api/drills', body: () => ({}), status: 400 },
  'GET /api/drills/{id}': { url: () => `/api/drills/${NO_FILE}`, status: 404 },
  'POST /api/drills/{id}/conduct': { url: () => `/api/drills/${NO_FILE}/conduct`, body: () => ({}), status: 400 },
  // Training 培训与测评: harmless requests (an unknown id is 404 for every allowed role; an empty body 400).
  'GET /api/questions': { url: () => '/api/questions', status: 200 },
  'GET /api/questions/import-template': { url: () => '/api/questions/import-template', status: 200 },
  'POST /api/questions/import': { url: () => '/api/questions/import', body: () => ({}), status: 400 },
  'GET /api/questions/{id}': { url: () => `/api/questions/${NO_ID}`, status: 404 },
  'POST /api/questions': { url: () => '/api/questions', body: () => ({}), status: 400 },
  'PUT /api/questions/{id}': { url: () => `/api/questions/${NO_ID}`, body: () => ({}), status: 400 },
  'GET /api/exams': { url: () => '/api/exams', status: 200 },
  'POST /api/exams/pools': { url: () => '/api/exams/pools', body: () => ({ drawRules: [] }), status: 200 },
  'GET /api/exams/{id}': { url: () => `/api/exams/${NO_ID}`, status: 404 },
  'POST /api/exams': { url: () => '/api/exams', body: () => ({}), status: 400 },
  'PUT /api/exams/{id}': { url: () => `/api/exams/${NO_ID}`, body: () => ({}), status: 400 },
  'POST /api/exams/{id}/publish': { url: () => `/api/exams/${NO_ID}/publish`, status: 404 },
  'POST /api/exams/{id}/grants': { url: () => `/api/exams/${NO_ID}/grants`, body: () => ({}), status: 400 },
  'POST /api/exams/{id}/regrade': { url: () => `/api/exams/${NO_ID}/regrade`, body: () => ({}), status: 400 },
  'GET /api/exams/{id}/statistics': { url: () => `/api/exams/${NO_ID}/statistics`, status: 404 },
  'GET /api/exams/{id}/leaderboard': { url: () => `/api/exams/${NO_ID}/leaderboard`, status: 404 },
  'GET /api/exams/{id}/results/export': { url: () => `/api/exams/${NO_ID}/results/export`, status: 404 },
  'POST /api/exams/{id}/attempts': { url: () => `/api/exams/${NO_ID}/attempts`, status: 404 },
  'GET /api/attempts/{id}': { url: () => `/api/attempts/${NO_ID}`, status: 404 },
  'PUT /api/attempts/{id}/answers/{slot}': { url: () => `/api/attempts/${NO_ID}/answers/1`, body: () => ({}), status: 400 },
  'POST /api/attempts/{id}/submit': { url: () => `/api/attempts/${NO_ID}/submit`, status: 404 },
  'POST /api/training/sweep': { url: () => '/api/training/sweep', status: 200 },
  'GET /api/training-sessions': { url: () => '/api/training-sessions', status: 200 },
  'GET /api/training-sessions/{id}': { url: () => `/api/training-sessions/${NO_ID}`, status: 404 },
  'POST /api/training-sessions': { url: () => '/api/training-sessions', body: () => ({}), status: 400 },
  'POST /api/training-sessions/{id}/check-in': { url: () => `/api/training-sessions/${NO_ID}/check-in`, body: () => ({}), status: 400 },
  'POST /api/training-sessions/{id}/attendance': { url: () => `/api/training-sessions/${NO_ID}/attendance`, body: () => ({}), status: 400 },
  'GET /api/training/hours': { url: () => '/api/training/hours', status: 200 },
  'GET /api/training/my': { url: () => '/api/training/my', status: 200 },
  // Inspections: harmless requests (an invalid body is 400, an unknown id 404) once past the guard.
  ...inspectionSamples(),
  // Campaigns: lists and the summary answer; a campaign or activity that does not exist is 404 past the guard; empty bodies are 400.
  'GET /api/campaigns': { url: () => '/api/campaigns', status: 200 },
  'POST /api/campaigns': { url: () => '/api/campaigns', body: () => ({}), status: 400 },
  'GET /api/campaigns/summary': { url: () => '/api/campaigns/summary?year=2026', status: 200 },
  'GET /api/campaigns/{id}': { url: () => `/api/campaigns/${NO_FILE}`, status: 404 },
  'PUT /api/campaigns/{id}': { url: () => `/api/campaigns/${NO_FILE}`, body: () => ({}), status: 400 },
  'POST /api/campaigns/{id}/close': { url: () => `/api/campaigns/${NO_FILE}/close`, body: () => ({ version: STALE }), status: 404 },
  'GET /api/campaigns/{id}/totals': { url: () => `/api/campaigns/${NO_FILE}/totals`, status: 404 },
  'GET /api/campaigns/{id}/report': { url: () => `/api/campaigns/${NO_FILE}/report`, status: 404 },
  'GET /api/campaign-activities': { url: () => '/api/campaign-activities', status: 200 },
  'POST /api/campaign-activities': { url: () => '/api/campaign-activities', body: () => ({}), status: 400 },
  'GET /api/campaign-activities/import/template': { url: () => `/api/campaign-activities/import/template?campaignId=${NO_FILE}`, status: 400 },
  'POST /api/campaign-activities/import': { url: () => '/api/campaign-activities/import', multipart: true, status: 400 },
  'GET /api/campaign-activities/{id}': { url: () => `/api/campaign-activities/${NO_FILE}`, status: 404 },
  'PUT /api/campaign-activities/{id}': { url: () => `/api/campaign-activities/${NO_FILE}`, body: () => ({}), status: 400 },
  'POST /api/campaign-activities/{id}/attachments': { url: () => `/api/campaign-activities/${NO_FILE}/attachments`, body: () => ({}), status: 400 },
  'POST /api/campaign-activities/{id}/submit': { url: () => `/api/campaign-activities/${NO_FILE}/submit`, body: () => ({ version: STALE }), status: 404 },
  'POST /api/campaign-activities/{id}/verify': { url: () => `/api/campaign-activities/${NO_FILE}/verify`, body: () => ({ version: STALE }), status: 404 },
  'POST /api/campaign-activities/{id}/return': { url: () => `/api/campaign-activities/${NO_FILE}/return`, body: () => ({ version: STALE }), status: 404 },
  'POST /api/campaign-activities/{id}/unverify': { url: () => `/api/campaign-activities/${NO_FILE}/unverify`, body: () => ({ version: STALE }), status: 404 },
};

/** The inspections module's routes: no fixtures needed (`NONE` is no record at all). */
function inspectionSamples(): Record<string, Sample> {
  const NONE = '00000000-0000-4000-8000-000000000000';
  const empty = () => ({});
  return {
    'GET /api/inspection-templates': { url: () => '/api/inspection-templates', status: 200 },
    'GET /api/inspection-templates/{id}': { url: () => `/api/inspection-templates/${NONE}`, status: 404 },
    'POST /api/inspection-templates': { url: () => '/api/inspection-templates', body: empty, status: 400 },
    'PUT /api/inspection-templates/{id}': { url: () => `/api/inspection-templates/${NONE}`, body: empty, status: 400 },
    'POST /api/inspection-templates/{id}/publish': { url: () => `/api/inspection-templates/${NONE}/publish`, body: empty, status: 404 },
    'GET /api/inspections': { url: () => '/api/inspections', status: 200 },
    'GET /api/inspections/analysis': { url: () => '/api/inspections/analysis?from=2026-01-01&to=2026-12-31&groupBy=branch', status: 200 },
    'POST /api/inspections': { url: () => '/api/inspections', body: empty, status: 400 },
    'GET /api/inspections/reports/quarterly': { url: () => '/api/inspections/reports/quarterly?year=2026&quarter=4&format=html', status: 200 },
    'POST /api/inspections/plan': { url: () => '/api/inspections/plan', body: empty, status: 400 },
    'POST /api/inspections/log': { url: () => '/api/inspections/log', body: empty, status: 400 },
    'GET /api/inspections/{id}': { url: () => `/api/inspections/${NONE}`, status: 404 },
    'POST /api/inspections/{id}/start': { url: () => `/api/inspections/${NONE}/start`, body: empty, status: 404 },
    'PUT /api/inspections/{id}/answers': { url: () => `/api/inspections/${NONE}/answers`, body: empty, status: 400 },
    'POST /api/inspections/{id}/submit': { url: () => `/api/inspections/${NONE}/submit`, body: empty, status: 400 },
    'POST /api/inspections/{id}/review': { url: () => `/api/inspections/${NONE}/review`, body: empty, status: 400 },
    'POST /api/inspections/{id}/reinspect': { url: () => `/api/inspections/${NONE}/reinspect`, body: empty, status: 404 },
    'GET /api/rectifications': { url: () => '/api/rectifications', status: 200 },
    'POST /api/rectifications/run-overdue': { url: () => '/api/rectifications/run-overdue', body: empty, status: 200 },
    'GET /api/rectifications/{id}': { url: () => `/api/rectifications/${NONE}`, status: 404 },
    'POST /api/rectifications/{id}/fix': { url: () => `/api/rectifications/${NONE}/fix`, body: empty, status: 400 },
    'POST /api/rectifications/{id}/verify': { url: () => `/api/rectifications/${NONE}/verify`, body: empty, status: 404 },
    'POST /api/rectifications/{id}/reject': { url: () => `/api/rectifications/${NONE}/reject`, body: empty, status: 400 },
  };
}

const key = (op: Pick<Operation, 'method' | 'path'>) => `${op.method.toUpperCase()} ${op.path}`;
const WHERE = 'add @Permission(resource, action) (or @Authenticated() / @Public()) on the route, its row in packages/contracts/src/permissions (one file per module)';

describe('every route × every role, as the permissions table says', () => {
  let stack: Stack;
  let operations: Operation[];
  let fixtures: Fixtures;
  /** Tokens of one single-role user per role, inside (资阳分行) and outside (绵阳分行) the records' scope. */
  const inScope = new Map<Role, string>();
  const outOfScope = new Map<Role, string>();

  beforeAll(async () => {
    stack = await startStack({ name: 'perm_routes' });
    const doc = (await request(stack.baseUrl).get('/api/docs-json')).body as { paths: Record<string, Record<string, Record<string, unknown>>> };
    operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.entries(methods)
        .filter(([method]) => ['get', 'post', 'put', 'delete', 'patch'].includes(method))
        .map(([method, op]) => ({ method: method as Method, path, access: op['x-permission'] as Access | undefined })),
    );

    const admin = api(stack.baseUrl, await stack.login('admin'));
    const units = Object.fromEntries((await stack.sql<{ id: string; code: string }>('gateway', 'SELECT id, code FROM org_unit')).map((r) => [r.code, r.id]));
    const userIds = Object.fromEntries((await stack.sql<{ id: string; username: string }>('gateway', 'SELECT id, username FROM app_user')).map((r) => [r.username, r.id]));
    let scopeAdminId = '';
    for (const [unit, tokens, prefix] of [['BR-ZY', inScope, 'in'], ['BR-MY', outOfScope, 'out']] as const) {
      for (const role of ROLES) {
        const username = `perm.${prefix}.${role}`;
        const created = await admin.post('/api/users', { username, displayName: username, password: DEMO_PASSWORD, orgUnitId: units[unit], roles: [role] });
        expect(created.status).toBe(201);
        if (prefix === 'in' && role === 'admin') scopeAdminId = created.body.id;
        tokens.set(role, await stack.login(username));
      }
    }

    // One open complaint at 资阳分行, and one typical case (resolved, then marked).
    const intake = {
      channel: 'counter',
      businessCategory: 'credit_card',
      cause: 'fees',
      orgUnitId: units['BR-ZY'],
      customerName: '钱权限',
      customerPhone: '13900002222',
      description: '信用卡年费未告知即扣收。',
    };
    const open = await admin.post('/api/complaints', intake);
    expect(open.status).toBe(201);
    const typical = (await admin.post('/api/complaints', intake)).body as { id: string };
    const step = async (action: string, body: object) => expect((await admin.post(`/api/complaints/${typical.id}/${action}`, body)).status).toBe(200);
    await step('assign', { orgUnitId: units['BR-ZY'], handlerId: userIds.handler });
    await step('start', {});
    await step('resolve', { outcome: 'upheld', resolution: '已退还年费并致歉。' });
    await step('mark-typical', { rootCause: '告知不到位', lessons: '办卡时书面告知年费', tags: ['年费'] });
    const [audit] = await stack.sql<{ id: string }>('gateway', 'SELECT id::text AS id FROM audit_log ORDER BY id LIMIT 1');
    fixtures = {
      complaintId: open.body.id,
      typicalCaseId: typical.id,
      userId: userIds.staff, // at 安居支行第一网点, below 资阳分行
      unitId: units['SB-AJ'], // 安居支行: has children
      branchId: units['BR-ZY'],
      handlerId: userIds.handler,
      auditId: audit.id,
      scopeAdminId,
    };
  }, 420_000); // every registered service starts (six now) and 12 users sign in, on a shared two-core machine

  afterAll(async () => {
    await stack?.stop();
  });

  const call = (op: Operation, sample: Sample, token: string | undefined) => {
    const agent = request(stack.baseUrl);
    const url = sample.url(fixtures);
    let req = agent[op.method](url);
    if (token) req = req.set('Authorization', `Bearer ${token}`);
    if (sample.multipart) return req.field('note', 'no file');
    return sample.body ? req.send(sample.body(fixtures)) : req;
  };

  it('names a permission for every route, and every permission is a row of the table', () => {
    const problems = operations.flatMap((op) => {
      if (op.access === undefined) return [`${key(op)} has no permission: ${WHERE}`];
      if (typeof op.access === 'object' && !permissionRule(op.access.resource, op.access.action)) {
        return [`${key(op)} names ${op.access.resource}.${op.access.action}, which the permissions table lacks: ${WHERE}`];
      }
      return [];
    });
    expect(problems).toEqual([]);
  });

  it('has a sample request for every route and no sample for a route that is gone', () => {
    const routes = new Set(operations.map(key));
    const missing = [...routes].filter((r) => !SAMPLES[r]).map((r) => `${r} has no sample request: add one to SAMPLES in apps/e2e/test/permissions.spec.ts`);
    const stale = Object.keys(SAMPLES).filter((s) => !routes.has(s)).map((s) => `${s} is in SAMPLES but the gateway has no such route`);
    expect([...missing, ...stale]).toEqual([]);
  });

  it('uses every row of the table that is not console-only on some route', () => {
    const used = new Set(operations.flatMap((op) => (typeof op.access === 'object' ? [`${op.access.resource}.${op.access.action}`] : [])));
    // Rows the services alone read (they refine a route's row for one record).
    const serviceOnly = new Set(['complaints.extend-approve', 'complaints.act-on-any', 'inspections.see-unreviewed']);
    const unused = permissionEntries()
      .filter(({ resource, action, rule }) => !rule.consoleOnly && !used.has(`${resource}.${action}`) && !serviceOnly.has(`${resource}.${action}`))
      .map(({ resource, action }) => `${resource}.${action}`);
    expect(unused).toEqual([]);
  });

  it('answers each route with the status the table gives each role, in and out of scope, and 401 without a token', async () => {
    const outcomes: string[] = [];
    const expected: string[] = [];
    let calls = 0;
    for (const op of operations) {
      const sample = SAMPLES[key(op)];
      if (!sample || op.access === undefined) continue; // reported by the tests above
      if (op.access === 'public') {
        outcomes.push(`${key(op)} anonymous → ${(await call(op, sample, undefined)).status}`);
        expected.push(`${key(op)} anonymous → ${sample.status}`);
        calls++;
        continue;
      }
      outcomes.push(`${key(op)} anonymous → ${(await call(op, sample, undefined)).status}`);
      expected.push(`${key(op)} anonymous → 401`);
      calls++;
      const access = op.access;
      for (const role of ROLES) {
        const allowed = access === 'authenticated' || mayDo([role], access.resource, access.action);
        const scoped = access !== 'authenticated' && permissionRule(access.resource, access.action)!.scoped;
        for (const [where, tokens] of [['in', inScope], ['out', outOfScope]] as const) {
          const res = await call(op, sample, tokens.get(role));
          calls++;
          const want = !allowed ? 403 : where === 'out' && scoped && sample.outOfScope ? sample.outOfScope : sample.status;
          let got = `${res.status}`;
          let wanted = `${want}`;
          if (allowed && where === 'out' && scoped && sample.hides) {
            const ids = (res.body as { id: string }[]).map((r) => r.id);
            got += ids.includes(sample.hides(fixtures)) ? ' showing the out-of-scope record' : '';
          }
          if (res.status !== want) got += ` ${JSON.stringify(res.body).slice(0, 160)}`;
          if (want === 403 && res.status === 403) wanted = got; // the message names the rule; the status is what counts
          outcomes.push(`${key(op)} ${role} ${where}-of-scope → ${got}`);
          expected.push(`${key(op)} ${role} ${where}-of-scope → ${wanted}`);
        }
      }
    }
    expect(outcomes).toEqual(expected);
    expect(calls).toBeGreaterThan(operations.length * ROLES.length * 2);
  }, 300_000);
});
