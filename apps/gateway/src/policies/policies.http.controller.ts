import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Put, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Actor, ListResult } from '@xb/contracts';
import {
  AcknowledgeDto,
  CreatePolicyDocumentDto,
  CreatePolicyVersionDto,
  FindingDto,
  POLICIES_PATTERNS as P,
  POLICY_DOCUMENT_LIST,
  POLICY_VERSION_LIST,
  ReviewedNoChangeDto,
  ReviewVersionDto,
  UpdatePolicyDocumentDto,
  UpdatePolicyVersionDto,
  type AckRates,
  type CancelledAcknowledgements,
  type AcknowledgementTask,
  type AcknowledgementTaskRow,
  type AcknowledgementView,
  type PolicyDiffView,
  type PolicyDocumentView,
  type PolicyVersionView,
  type ReviewBoardLine,
  type ReviewBoardRow,
  type InForceView,
  type VersionHistoryEntry,
} from '@xb/contracts/policies';
import type { Response } from 'express';
import { CurrentActor, Permission } from '../auth/auth.decorators.js';
import { badRequestHttp } from '../common/http-errors.js';
import { parseListQuery, sendList } from '../common/list-query.js';
import { RpcClient } from '../common/rpc-client.service.js';
import { ApiReturns, ApiReturnsList } from '../openapi/returns.decorators.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const setRange = (res: Response, resource: string, n: number) => res.setHeader('Content-Range', `${resource} 0-${Math.max(0, n - 1)}/${n}`);

/**
 * REST face of the policies service 制度 (documents, immutable versions, review and sign-off,
 * diff, in-force, acknowledgements, review board): thin — validate, forward with the actor,
 * return. The service checks role, audience, authorship and state again.
 */
@ApiTags('policies')
@ApiBearerAuth()
@Controller()
export class PoliciesHttpController {
  constructor(private readonly rpc: RpcClient) {}

  // ---- documents ----

  @Get('policy-documents')
  @ApiReturnsList('PolicyDocumentView', POLICY_DOCUMENT_LIST)
  @Permission('policy-documents', 'list')
  @ApiOperation({ summary: 'The document register (filters: kind, ownerUnitId, status of the newest version, reviewDue, q); staff see published documents of their audience' })
  async listDocuments(@CurrentActor() actor: Actor, @Query() query: Record<string, unknown>, @Res({ passthrough: true }) res: Response): Promise<PolicyDocumentView[]> {
    const q = parseListQuery(query, POLICY_DOCUMENT_LIST);
    return sendList(res, 'policy-documents', q, await this.rpc.send<ListResult<PolicyDocumentView>>(P.documentList, actor, q));
  }

  @Post('policy-documents')
  @ApiReturns('PolicyDocumentView')
  @Permission('policy-documents', 'create')
  @ApiOperation({ summary: 'A new document (code, kind, owning department, review cycle, audience, approval rule)' })
  createDocument(@CurrentActor() actor: Actor, @Body() dto: CreatePolicyDocumentDto): Promise<PolicyDocumentView> {
    return this.rpc.send(P.documentCreate, actor, dto);
  }

  @Get('policy-documents/:id')
  @ApiReturns('PolicyDocumentView')
  @Permission('policy-documents', 'show')
  getDocument(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<PolicyDocumentView> {
    return this.rpc.send(P.documentGet, actor, { id });
  }

  @Put('policy-documents/:id')
  @ApiReturns('PolicyDocumentView')
  @Permission('policy-documents', 'edit')
  updateDocument(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: UpdatePolicyDocumentDto): Promise<PolicyDocumentView> {
    return this.rpc.send(P.documentUpdate, actor, { ...dto, id });
  }

  @Get('policy-documents/:id/in-force')
  @ApiReturns('InForceView')
  @Permission('policy-documents', 'show')
  @ApiQuery({ name: 'at', description: 'ISO date-time' })
  @ApiOperation({ summary: 'The version in force at `at` ({ version: null } when none was)' })
  inForce(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Query('at') at?: string): Promise<InForceView> {
    if (typeof at !== 'string' || Number.isNaN(Date.parse(at))) throw badRequestHttp('Validation failed', [{ field: 'at', message: 'at must be an ISO date' }]);
    return this.rpc.send(P.documentInForce, actor, { id, at: new Date(at).toISOString() });
  }

  @Post('policy-documents/:id/reviewed')
  @ApiReturns('PolicyDocumentView')
  @Permission('policy-documents', 'review')
  @HttpCode(200)
  @ApiOperation({ summary: '定期评估 — reviewed, no change: restarts the review cycle without a new version' })
  reviewed(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: ReviewedNoChangeDto): Promise<PolicyDocumentView> {
    return this.rpc.send(P.documentReviewed, actor, { ...dto, id });
  }

  @Get('policy-review-board')
  @ApiReturns('ReviewBoardRow', { array: true })
  @Permission('policy-review-board', 'list')
  @ApiQuery({ name: 'ownerUnitId', required: false })
  @ApiOperation({ summary: 'Documents due for review within 30 days or overdue, soonest first (optionally one owning department: its to-do list)' })
  async reviewBoard(@CurrentActor() actor: Actor, @Res({ passthrough: true }) res: Response, @Query('ownerUnitId') ownerUnitId?: string): Promise<ReviewBoardRow[]> {
    if (ownerUnitId !== undefined && !UUID.test(ownerUnitId)) throw badRequestHttp('Validation failed', [{ field: 'ownerUnitId', message: 'ownerUnitId must be a UUID' }]);
    const lines = await this.rpc.send<ReviewBoardLine[]>(P.reviewBoard, actor, { ownerUnitId });
    setRange(res, 'policy-review-board', lines.length);
    return lines.map((l) => ({ id: l.documentId, ...l }));
  }

  // ---- versions ----

  @Get('policy-versions')
  @ApiReturnsList('PolicyVersionView', POLICY_VERSION_LIST)
  @Permission('policy-versions', 'list')
  @ApiOperation({ summary: 'Versions (filters: documentId, status); staff see published versions of their audience; content left out' })
  async listVersions(@CurrentActor() actor: Actor, @Query() query: Record<string, unknown>, @Res({ passthrough: true }) res: Response): Promise<PolicyVersionView[]> {
    const q = parseListQuery(query, POLICY_VERSION_LIST);
    return sendList(res, 'policy-versions', q, await this.rpc.send<ListResult<PolicyVersionView>>(P.versionList, actor, q));
  }

  @Post('policy-versions')
  @ApiReturns('PolicyVersionView')
  @Permission('policy-versions', 'create')
  @ApiOperation({ summary: 'A new draft version of a document (one open version per document)' })
  createVersion(@CurrentActor() actor: Actor, @Body() dto: CreatePolicyVersionDto): Promise<PolicyVersionView> {
    return this.rpc.send(P.versionCreate, actor, dto);
  }

  @Get('policy-versions/:id')
  @ApiReturns('PolicyVersionView')
  @Permission('policy-versions', 'show')
  getVersion(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<PolicyVersionView> {
    return this.rpc.send(P.versionGet, actor, { id });
  }

  @Put('policy-versions/:id')
  @ApiReturns('PolicyVersionView')
  @Permission('policy-versions', 'edit')
  @ApiOperation({ summary: 'Edits a draft; after submit a version is immutable (409)' })
  updateVersion(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: UpdatePolicyVersionDto): Promise<PolicyVersionView> {
    return this.rpc.send(P.versionUpdate, actor, { ...dto, id });
  }

  @Post('policy-versions/:id/submit')
  @ApiReturns('PolicyVersionView')
  @Permission('policy-versions', 'submit')
  @HttpCode(200)
  @ApiOperation({ summary: 'Submits a draft for review: from now on it is immutable' })
  submit(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<PolicyVersionView> {
    return this.rpc.send(P.versionSubmit, actor, { id });
  }

  @Post('policy-versions/:id/review')
  @ApiReturns('PolicyVersionView')
  @Permission('policy-versions', 'sign-off')
  @HttpCode(200)
  @ApiOperation({ summary: 'A verdict (approve / request_changes) naming the version’s hash, optionally anchored to an article; never by the author (403); another hash is 409' })
  review(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: ReviewVersionDto): Promise<PolicyVersionView> {
    return this.rpc.send(P.versionReview, actor, { ...dto, id });
  }

  @Post('policy-versions/:id/publish')
  @ApiReturns('PolicyVersionView')
  @Permission('policy-versions', 'publish')
  @HttpCode(200)
  @ApiOperation({ summary: 'Publishes an approved version; the published one is superseded in the same transaction' })
  publish(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<PolicyVersionView> {
    return this.rpc.send(P.versionPublish, actor, { id });
  }

  @Post('policy-versions/:id/retire')
  @ApiReturns('PolicyVersionView')
  @Permission('policy-versions', 'retire')
  @HttpCode(200)
  retire(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<PolicyVersionView> {
    return this.rpc.send(P.versionRetire, actor, { id });
  }

  @Post('policy-versions/:id/findings')
  @ApiReturns('PolicyVersionView')
  @Permission('policy-versions', 'finding')
  @HttpCode(200)
  @ApiOperation({ summary: '审计发现 — an auditor’s finding on a version that was in force' })
  finding(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: FindingDto): Promise<PolicyVersionView> {
    return this.rpc.send(P.versionFinding, actor, { ...dto, id });
  }

  @Get('policy-versions/:id/history')
  @ApiReturns('VersionHistoryEntry', { array: true })
  @Permission('policy-versions', 'show')
  @ApiOperation({ summary: 'The whole history: created, submitted, each verdict with its hash and article, approved, published, superseded' })
  async history(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Res({ passthrough: true }) res: Response): Promise<VersionHistoryEntry[]> {
    const entries = await this.rpc.send<VersionHistoryEntry[]>(P.versionHistory, actor, { id });
    setRange(res, 'history', entries.length);
    return entries;
  }

  @Get('policy-versions/:id/diff')
  @ApiReturns('PolicyDiffView')
  @Permission('policy-versions', 'diff')
  @ApiQuery({ name: 'against', description: 'Another version of the same document' })
  @ApiOperation({ summary: 'Side-by-side diff by article (条) then by character; renumbered articles aligned by content' })
  diff(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Query('against') against?: string): Promise<PolicyDiffView> {
    if (typeof against !== 'string' || !UUID.test(against)) throw badRequestHttp('Validation failed', [{ field: 'against', message: 'against must be a version id' }]);
    return this.rpc.send(P.versionDiff, actor, { id, against });
  }

  @Post('policy-versions/:id/acknowledge')
  @ApiReturns('AcknowledgementView')
  @Permission('policy-acknowledgements', 'create')
  @HttpCode(200)
  @ApiOperation({ summary: '阅知确认 — records user, version, content hash and time (late after the deadline); idempotent' })
  acknowledge(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: AcknowledgeDto): Promise<AcknowledgementView> {
    return this.rpc.send(P.acknowledge, actor, { ...dto, id });
  }

  // ---- acknowledgements ----

  @Get('policy-acknowledgements/tasks')
  @ApiReturns('AcknowledgementTaskRow', { array: true })
  @Permission('policy-acknowledgements', 'list')
  @ApiOperation({ summary: 'My reading list: current versions I must still acknowledge' })
  async tasks(@CurrentActor() actor: Actor, @Res({ passthrough: true }) res: Response): Promise<AcknowledgementTaskRow[]> {
    const tasks = await this.rpc.send<AcknowledgementTask[]>(P.myTasks, actor, {});
    setRange(res, 'policy-acknowledgements', tasks.length);
    return tasks.map((t) => ({ id: t.versionId, ...t }));
  }

  @Get('policy-acknowledgements/rates')
  @ApiReturns('AckRates')
  @Permission('policy-acknowledgements', 'rates')
  @ApiQuery({ name: 'documentId' })
  @ApiOperation({ summary: 'Acknowledgement rate of the current version per org unit rolled up the tree, live, with who has not yet read it' })
  rates(@CurrentActor() actor: Actor, @Query('documentId') documentId?: string): Promise<AckRates> {
    if (typeof documentId !== 'string' || !UUID.test(documentId)) throw badRequestHttp('Validation failed', [{ field: 'documentId', message: 'documentId must be a UUID' }]);
    return this.rpc.send(P.ackRates, actor, { documentId });
  }

  @Get('policy-versions/:id/cancelled-acknowledgements')
  @ApiReturns('CancelledAcknowledgements')
  @Permission('policy-acknowledgements', 'rates')
  @ApiOperation({ summary: 'Cancelled acknowledgement tasks of a version (left the audience, superseded, retired, no longer required): who, why, when' })
  cancelled(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<CancelledAcknowledgements> {
    return this.rpc.send(P.ackCancellations, actor, { id });
  }
}
