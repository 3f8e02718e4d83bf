import { Body, Controller, Get, Headers, HttpCode, Param, ParseUUIDPipe, Post, Res, StreamableFile, UploadedFile, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { FILE_PURPOSE_KEYS, type Actor, type StoredFileView } from '@xb/contracts';
import type { Response } from 'express';
import { CurrentActor, Permission } from '../auth/auth.decorators.js';
import { IdempotencyStore, IdempotentInHandler, idempotencyKeyOf, requestHash } from '../common/idempotency.interceptor.js';
import { EvidenceUploadInterceptor } from './evidence-upload.interceptor.js';
import { FilesService, type FileCleanupResult, type FileDownload, type UploadedEvidence } from './files.service.js';
import { sha256Hex } from './file-content.js';
import { ApiReturns, ApiReturnsFile } from '../openapi/returns.decorators.js';

/** Evidence files 证据材料 on the JetStream object store: upload, download (audited), thumbnail. */
@ApiTags('files')
@ApiBearerAuth()
@Controller('files')
export class FilesHttpController {
  constructor(
    private readonly files: FilesService,
    private readonly idempotency: IdempotencyStore,
  ) {}

  @Post()
  @ApiReturns('StoredFileView')
  @Permission('files', 'create')
  @IdempotentInHandler()
  @UseInterceptors(EvidenceUploadInterceptor)
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      properties: { purpose: { type: 'string', enum: FILE_PURPOSE_KEYS }, file: { type: 'string', format: 'binary' } },
      required: ['purpose', 'file'],
    },
  })
  @ApiOperation({
    summary:
      'Upload an evidence file for a purpose (module.record): type read from the content against the purpose’s allow-list (415), size limit FILES_MAX_BYTES (413); the same content is stored once. Attach it to a record within 24 hours or it is removed.',
  })
  async upload(
    @CurrentActor() actor: Actor,
    @Body() body: Record<string, unknown>,
    @UploadedFile() file: UploadedEvidence | undefined,
    @Res({ passthrough: true }) res: Response,
    @Headers('idempotency-key') idempotencyKey?: string,
  ): Promise<StoredFileView> {
    const purpose = body?.purpose;
    const key = idempotencyKeyOf(idempotencyKey);
    if (!key || !file) return this.files.upload(actor, purpose, file);
    const hash = requestHash('POST /api/files', String(purpose), file.originalname, sha256Hex(file.buffer));
    return this.idempotency.run(actor.id, key, hash, res, () => this.files.upload(actor, purpose, file));
  }

  @Post('cleanup')
  @ApiReturns('FileCleanupResult')
  @Permission('files', 'cleanup')
  @HttpCode(200)
  @ApiOperation({ summary: 'Removes files not attached to a record within FILES_UNATTACHED_TTL_HOURS now, instead of waiting for the timer' })
  cleanup(): Promise<FileCleanupResult> {
    return this.files.removeUnattached();
  }

  @Get(':id/meta')
  @ApiReturns('StoredFileView')
  @Permission('files', 'show')
  @ApiOperation({ summary: 'The file’s facts {id, name, size, sha256, mimeType, createdAt, createdBy, attachedTo}, to those who may see its record' })
  describe(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<StoredFileView> {
    return this.files.describe(actor, id);
  }

  @Get(':id/thumbnail')
  @ApiReturnsFile('image/webp')
  @Permission('files', 'show')
  @ApiProduces('image/webp')
  @ApiOperation({ summary: 'A small WebP preview of an image file, to those who may see its record (404 for other types)' })
  async thumbnail(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Res({ passthrough: true }) res: Response): Promise<StreamableFile> {
    const download = await this.files.thumbnail(actor, id);
    return streamed(res, download, 'image/webp', 'inline', `${download.file.name}.webp`);
  }

  @Get(':id')
  @ApiReturnsFile('application/octet-stream')
  @Permission('files', 'show')
  @ApiProduces('application/octet-stream')
  @ApiOperation({ summary: 'Download the file (streamed) if you may see the record it is attached to (the owning service decides; 404 otherwise); every download is audited' })
  async download(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Res({ passthrough: true }) res: Response): Promise<StreamableFile> {
    const download = await this.files.download(actor, id);
    return streamed(res, download, download.file.mimeType, 'attachment', download.file.name);
  }
}

/**
 * The object as the response body. Uploaded content is never rendered by the console's
 * origin: `nosniff`, a sandboxing CSP, and `attachment` for the file itself.
 */
function streamed(res: Response, { file, object }: FileDownload, contentType: string, disposition: 'inline' | 'attachment', filename: string): StreamableFile {
  res.setHeader('Content-Type', contentType);
  res.setHeader('Content-Length', String(object.size));
  res.setHeader('Content-Disposition', `${disposition}; filename="${asciiName(filename)}"; filename*=UTF-8''${encodeURIComponent(filename)}`);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Content-Security-Policy', "default-src 'none'; sandbox");
  res.setHeader('Cache-Control', 'private, no-store');
  res.setHeader('ETag', `"${file.sha256}"`);
  object.done.catch(() => object.stream.destroy(new Error('object store read failed')));
  return new StreamableFile(object.stream);
}

const asciiName = (name: string) => name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
