import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  FILE_ATTACHED_QUERY_MAX,
  filePatterns,
  filePurposeSpec,
  hasAnyRole,
  isErrorBody,
  type Actor,
  type AttachFileCommand,
  type FileAttachedAnswer,
  type FilePurpose,
  type FileRecordRef,
  type StoredFileView,
} from '@xb/contracts';
import { contentObjectName, FileBuckets, thumbnailObjectName, withLeaderLock, type StoredObject } from '@xb/service-kit';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { badRequestHttp, conflictHttp, forbiddenHttp, httpError, notFoundHttp, unprocessableHttp } from '../common/http-errors.js';
import { RpcClient } from '../common/rpc-client.service.js';
import { LOGGER } from '../common/tokens.js';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config/gateway.config.js';
import { cleanFileName, sha256Hex, sniffType, thumbnailOf } from './file-content.js';
import { StoredFilesRepository, toStoredFileView, type StoredFileRow } from './stored-files.repository.js';

/** What multer hands over (memory storage). */
import type { FileCleanupResult } from '@xb/contracts';
export type { FileCleanupResult };

export interface UploadedEvidence {
  originalname: string;
  size: number;
  buffer: Buffer;
}

/** Who asks the owning services about attachments for the cleanup job (no user). */
const SYSTEM_ACTOR: Actor = { id: '00000000-0000-0000-0000-000000000000', username: 'system', roles: [], orgUnitId: '', orgPath: '/' };
/** pg advisory lock key of the cleanup job: one gateway instance runs it per tick. */
export const FILES_CLEANUP_LOCK = 7215004;
/** An attach call still under way for this long is not cleaned up under it. */
const CLAIM_GRACE_MS = 10 * 60_000;
const CLEANUP_BATCH = 200;


export interface FileDownload {
  file: StoredFileRow;
  object: StoredObject;
}

/**
 * Evidence files: upload (type from the content against the purpose's allow-list, stored
 * once per content in the owning service's bucket), download to those who may see the
 * record (the owning service decides; every download is audited), thumbnails, attaching
 * through the owning service, and removal of files never attached.
 */
@Injectable()
export class FilesService {
  constructor(
    private readonly files: StoredFilesRepository,
    private readonly buckets: FileBuckets,
    private readonly rpc: RpcClient,
    private readonly audit: AuditService,
    @InjectDataSource() private readonly ds: DataSource,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async upload(actor: Actor, purpose: unknown, file: UploadedEvidence | undefined): Promise<StoredFileView> {
    const spec = filePurposeSpec(purpose);
    if (!spec) throw badRequestHttp('Unknown purpose', [{ field: 'purpose', message: 'purpose must name a module and record type, e.g. complaints.complaint' }]);
    if (!hasAnyRole(actor, spec.uploaders)) throw forbiddenHttp(`Your roles may not upload files for ${String(purpose)}`);
    if (!file) throw badRequestHttp('Send the file as multipart/form-data in the field "file"', [{ field: 'file', message: 'required' }]);
    if (!file.size) throw badRequestHttp('The file is empty', [{ field: 'file', message: 'empty' }]);
    // multer stops at the limit already; this keeps the rule whatever parsed the body.
    if (file.size > this.config.FILES_MAX_BYTES) throw httpError(413, `Files may be at most ${this.config.FILES_MAX_BYTES} bytes`);
    const mimeType = await sniffType(file.buffer);
    if (!mimeType || !spec.accept.includes(mimeType)) {
      throw httpError(415, `This kind of file is not accepted for ${String(purpose)} (its content is ${mimeType ?? 'of an unknown type'})`, [
        { field: 'file', message: `type ${mimeType ?? 'unknown'} is not one of ${spec.accept.join(', ')}` },
      ]);
    }
    const thumbnail = await thumbnailOf(file.buffer, mimeType);
    if (mimeType.startsWith('image/') && !thumbnail) {
      throw httpError(415, 'The image cannot be decoded', [{ field: 'file', message: 'unreadable image' }]);
    }
    const sha256 = sha256Hex(file.buffer);
    const row = await this.files.withContentLock(spec.service, sha256, async (manager) => {
      await this.store(() => this.buckets.putIfAbsent(spec.service, contentObjectName(sha256), file.buffer, mimeType));
      if (thumbnail) await this.store(() => this.buckets.putIfAbsent(spec.service, thumbnailObjectName(sha256), thumbnail, 'image/webp'));
      return this.files.insert(manager, {
        id: randomUUID(),
        purpose: purpose as FilePurpose,
        service: spec.service,
        name: cleanFileName(file.originalname),
        size: file.size,
        sha256,
        mimeType,
        hasThumbnail: thumbnail !== null,
        createdBy: actor.id,
        createdByUsername: actor.username,
      });
    });
    return toStoredFileView(row);
  }

  /** The file's facts, to those who may download it. */
  async describe(actor: Actor, id: string): Promise<StoredFileView> {
    return toStoredFileView((await this.readable(actor, id)).file);
  }

  /** Opens the file for download and writes the download to the audit log before a byte leaves. */
  async download(actor: Actor, id: string): Promise<FileDownload> {
    const { file, record } = await this.readable(actor, id);
    // Opened first, so a store that cannot serve it now leaves no "downloaded" entry behind.
    const object = await this.open(file, contentObjectName(file.sha256));
    try {
      await this.audit.append({
        actor,
        action: 'files.file.downloaded',
        resource: 'file',
        resourceId: file.id,
        details: { purpose: file.purpose, name: file.name, sha256: file.sha256, size: Number(file.size), recordType: record?.recordType ?? null, recordId: record?.recordId ?? null },
      });
    } catch (err) {
      object.stream.destroy();
      throw err;
    }
    return { file, object };
  }

  /** The image thumbnail (WebP) for lists; the same access rule, not audited as a download. */
  async thumbnail(actor: Actor, id: string): Promise<FileDownload> {
    const { file } = await this.readable(actor, id);
    if (!file.hasThumbnail) throw notFoundHttp('Thumbnail');
    return { file, object: await this.open(file, thumbnailObjectName(file.sha256)) };
  }

  /**
   * Attaches an uploaded file to a record of the owning service: the gateway claims the
   * file for the record, the service attaches it (its rules, its timeline), and the claim
   * is confirmed; a refused attach releases the claim.
   */
  async attach<T>(actor: Actor, fileId: string, purpose: FilePurpose, record: FileRecordRef, send: (command: AttachFileCommand) => Promise<T>): Promise<T> {
    const file = await this.files.get(fileId);
    // Until it is attached, only the uploader knows the file exists.
    if (!file || (file.createdBy !== actor.id && file.recordId !== record.recordId)) throw notFoundHttp('File');
    if (file.purpose !== purpose) {
      throw unprocessableHttp(`The file was uploaded for ${file.purpose}, not ${purpose}`, [{ field: 'fileId', message: `uploaded for ${file.purpose}` }]);
    }
    if (!(await this.files.claim(file.id, record))) throw conflictHttp('The file is attached to another record');
    try {
      const answer = await send({ id: record.recordId, file: { id: file.id, name: file.name, size: Number(file.size), sha256: file.sha256, mimeType: file.mimeType } });
      await this.files.confirmAttached(file.id, record);
      return answer;
    } catch (err) {
      // Only a refusal is certain; after a timeout the cleanup asks the service before removing anything.
      if (isErrorBody(err) && err.statusCode < 500) await this.files.releaseClaim(file.id, record);
      throw err;
    }
  }

  /**
   * Removes files not attached within FILES_UNATTACHED_TTL_HOURS (one instance at a time).
   * The owning service is asked first: a file it holds is marked attached instead. A
   * service that does not answer keeps its files until the next run.
   */
  async removeUnattached(now = new Date()): Promise<FileCleanupResult> {
    const result = await withLeaderLock(this.ds, FILES_CLEANUP_LOCK, async () => {
      const totals = { ran: true, removed: 0, confirmed: 0, objectsRemoved: 0 };
      const cutoff = new Date(now.getTime() - this.config.FILES_UNATTACHED_TTL_HOURS * 3_600_000);
      const candidates = await this.files.unattachedBefore(cutoff, new Date(now.getTime() - CLAIM_GRACE_MS), CLEANUP_BATCH);
      const byService = new Map<string, StoredFileRow[]>();
      for (const f of candidates) byService.set(f.service, [...(byService.get(f.service) ?? []), f]);
      for (const [service, rows] of byService) {
        let attached: FileAttachedAnswer['attached'];
        try {
          attached = [];
          for (let i = 0; i < rows.length; i += FILE_ATTACHED_QUERY_MAX) {
            const ids = rows.slice(i, i + FILE_ATTACHED_QUERY_MAX).map((r) => r.id);
            attached.push(...(await this.rpc.send<FileAttachedAnswer>(filePatterns(service).attached, SYSTEM_ACTOR, { fileIds: ids })).attached);
          }
        } catch (err) {
          this.logger.warn({ service, err: (err as Error)?.message ?? err }, 'file cleanup: the owning service did not answer; its files wait for the next run');
          continue;
        }
        const held = new Map(attached.map((a) => [a.fileId, a]));
        for (const row of rows) {
          const ref = held.get(row.id);
          if (ref) {
            await this.files.confirmAttached(row.id, ref);
            totals.confirmed++;
            continue;
          }
          const outcome = await this.files.withContentLock(service, row.sha256, async (manager) => {
            const { deleted, contentStillUsed } = await this.files.deleteUnattached(manager, row);
            let objects = 0;
            if (deleted && !contentStillUsed) {
              if (await this.buckets.remove(service, contentObjectName(row.sha256))) objects++;
              if (await this.buckets.remove(service, thumbnailObjectName(row.sha256))) objects++;
            }
            return { deleted, objects };
          });
          if (outcome.deleted) totals.removed++;
          totals.objectsRemoved += outcome.objects;
        }
      }
      return totals;
    });
    if (result && (result.removed || result.confirmed)) this.logger.info(result, 'unattached files cleaned up');
    return result ?? { ran: false, removed: 0, confirmed: 0, objectsRemoved: 0 };
  }

  /** The file and the record it hangs on, if the actor may see it; 404 otherwise (existence never leaks). */
  private async readable(actor: Actor, id: string): Promise<{ file: StoredFileRow; record: FileRecordRef | null }> {
    const file = await this.files.get(id);
    if (!file) throw notFoundHttp('File');
    if (!file.attachedAt) {
      if (file.createdBy !== actor.id) throw notFoundHttp('File');
      return { file, record: null };
    }
    const record = await this.rpc.send<FileRecordRef>(filePatterns(file.service).access, actor, { fileId: file.id });
    return { file, record };
  }

  /** An object-store call; NATS trouble (down, timeout) is 503, so the client retries later. */
  private async store<T>(call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (err) {
      this.logger.warn({ err: (err as Error)?.message ?? String(err) }, 'object store unavailable');
      throw httpError(503, 'The file store is unavailable; please retry shortly');
    }
  }

  private async open(file: StoredFileRow, name: string): Promise<StoredObject> {
    const object = await this.store(() => this.buckets.open(file.service, name));
    if (!object) {
      this.logger.error({ fileId: file.id, object: name }, 'stored file has no object in its bucket');
      throw notFoundHttp('File content');
    }
    return object;
  }
}
