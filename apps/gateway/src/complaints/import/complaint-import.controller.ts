import { Controller, Get, Headers, HttpCode, HttpException, Post, Query, Res, StreamableFile, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOperation, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import {
  COMPLAINT_PATTERNS,
  IMPORT_MAX_BYTES,
  IMPORT_MAX_ROWS,
  importErrorBody,
  isErrorBody,
  type Actor,
  type ImportComplaintsCommand,
  type ImportComplaintsResult,
  type ImportErrorBody,
} from '@xb/contracts';
import type { Response } from 'express';
import { CurrentActor, Permission } from '../../auth/auth.decorators.js';
import { badRequestHttp } from '../../common/http-errors.js';
import { IdempotencyStore, IdempotentInHandler, idempotencyKeyOf, requestHash } from '../../common/idempotency.interceptor.js';
import { RpcClient } from '../../common/rpc-client.service.js';
import { OrgUnitsService } from '../../org-units/org-units.service.js';
import { ImportFileError, parseImportFile } from './import-file.parser.js';
import { toCreateCommands } from './import-rows.js';
import { importTemplate } from './import-template.js';
import { ApiReturns, ApiReturnsFile } from '../../openapi/returns.decorators.js';

/** What multer hands over (memory storage); typed here so the app needs no @types/multer. */
interface UploadedImportFile {
  originalname: string;
  mimetype: string;
  size: number;
  buffer: Buffer;
}

/** An import of many rows may take longer than one intake. */
const IMPORT_TIMEOUT_MS = 60_000;

/**
 * Bulk import 批量导入 of complaints from CSV or Excel. The gateway parses the file,
 * resolves `orgUnitCode` and validates every row; the service validates again and
 * creates every row in one transaction, or none. Errors come back as
 * `{statusCode, error, message, details, created: 0, errors: [{row, field, message}]}`.
 */
@ApiTags('complaints')
@ApiBearerAuth()
@Controller('complaints/import')
export class ComplaintImportController {
  constructor(
    private readonly rpc: RpcClient,
    private readonly units: OrgUnitsService,
    private readonly idempotency: IdempotencyStore,
  ) {}

  @Post()
  @ApiReturns('ImportComplaintsResult')
  @Permission('complaint-import', 'create')
  @HttpCode(200)
  @IdempotentInHandler()
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: IMPORT_MAX_BYTES, files: 1 } }))
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } }, required: ['file'] } })
  @ApiQuery({ name: 'dryRun', required: false, type: Boolean, description: 'Validate only; create nothing' })
  @ApiOperation({
    summary: `批量导入 — CSV (UTF-8) or .xlsx with a header row of the create fields (orgUnitCode instead of orgUnitId; Chinese headings accepted); at most ${IMPORT_MAX_ROWS} rows; all rows or none`,
  })
  async import(
    @CurrentActor() actor: Actor,
    @UploadedFile() file: UploadedImportFile | undefined,
    @Res({ passthrough: true }) res: Response,
    @Headers('idempotency-key') idempotencyKey?: string,
    @Query('dryRun') dryRun?: string,
  ): Promise<ImportComplaintsResult> {
    if (!file) throw badRequestHttp('Send the file as multipart/form-data in the field "file"', [{ field: 'file', message: 'required' }]);
    const key = idempotencyKeyOf(idempotencyKey);
    if (!key) return this.importFile(actor, file, dryRun);
    // The same key with another file (or another dryRun) is a different request: 422, not the first answer.
    const hash = requestHash(`POST /api/complaints/import?dryRun=${dryRun ?? ''}`, file.originalname, file.buffer);
    return this.idempotency.run(actor.id, key, hash, res, () => this.importFile(actor, file, dryRun));
  }

  private async importFile(actor: Actor, file: UploadedImportFile, dryRun: string | undefined): Promise<ImportComplaintsResult> {
    let parsed;
    try {
      parsed = await parseImportFile(file.buffer, file.originalname);
    } catch (err) {
      if (err instanceof ImportFileError) throw badRequestHttp(err.message, [{ field: 'file', message: err.message }]);
      throw err;
    }
    if (parsed.errors.length) throw refused(importErrorBody(400, parsed.errors));
    if (!parsed.rows.length) throw badRequestHttp('The file holds no data rows', [{ field: 'file', message: 'no data rows' }]);
    if (parsed.rows.length > IMPORT_MAX_ROWS) throw badRequestHttp(`At most ${IMPORT_MAX_ROWS} rows per import`, [{ field: 'file', message: 'too many rows' }]);

    const codes = [...new Set(parsed.rows.map((r) => r.values.orgUnitCode).filter((c): c is string => Boolean(c)))];
    const { commands, errors } = await toCreateCommands(parsed.rows, await this.units.findByCodes(codes));
    if (errors.length) throw refused(importErrorBody(400, errors));

    // The service numbers rows by their position in `rows`; map them back to the file's rows.
    const fileRow = (n: number) => parsed.rows[n - 1]?.row ?? n;
    const command: ImportComplaintsCommand = { rows: commands, dryRun: dryRun === 'true' || dryRun === '1' };
    try {
      const result = await this.rpc.send<ImportComplaintsResult>(COMPLAINT_PATTERNS.import, actor, command, { timeoutMs: IMPORT_TIMEOUT_MS });
      return { ...result, complaints: result.complaints.map((c) => ({ ...c, row: fileRow(c.row) })) };
    } catch (err) {
      if (isErrorBody(err) && Array.isArray((err as ImportErrorBody).errors)) {
        const body = err as ImportErrorBody;
        throw refused(importErrorBody(body.statusCode === 422 ? 422 : 400, body.errors.map((e) => ({ ...e, row: fileRow(e.row) }))));
      }
      throw err;
    }
  }

  @Get('template')
  @ApiReturnsFile('text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @Permission('complaint-import', 'list')
  @ApiQuery({ name: 'format', required: false, enum: ['csv', 'xlsx'] })
  @ApiProduces('text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @ApiOperation({ summary: 'A sample import file: the header row and one example row (your unit’s code), CSV or Excel' })
  async template(@CurrentActor() actor: Actor, @Query('format') format: string | undefined, @Res({ passthrough: true }) res: Response): Promise<StreamableFile> {
    if (format !== undefined && format !== 'csv' && format !== 'xlsx') throw badRequestHttp('format must be csv or xlsx', [{ field: 'format', message: 'csv or xlsx' }]);
    const unit = await this.units.findById(actor.orgUnitId);
    const file = await importTemplate(format ?? 'xlsx', unit?.code ?? 'OT-XXX-1');
    res.setHeader('Content-Type', file.contentType);
    res.setHeader('Content-Disposition', `attachment; filename="${file.filename}"; filename*=UTF-8''${encodeURIComponent(file.filename)}`);
    return new StreamableFile(file.body);
  }
}

function refused(body: ImportErrorBody): HttpException {
  return new HttpException(body, body.statusCode);
}
