import { Controller, Inject, type Type } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { FILE_ATTACHED_QUERY_MAX, filePatterns, type Actor, type FileAttachedAnswer, type FileRecordRef, type RpcEnvelope } from '@xb/contracts';
import { actorOf } from './nats.js';
import { badRequest, notFound } from './rpc-errors.js';

/**
 * What a service that owns file purposes knows about its attachments. Implement it over
 * the service's own attachment table and provide it as FILE_ATTACHMENTS.
 */
export interface FileAttachments {
  /** The record `fileId` is attached to, when the actor may see that record; null otherwise (answered 404). */
  visibleRecordOf(actor: Actor, fileId: string): Promise<FileRecordRef | null>;
  /** Which of `fileIds` are attached to a record, and to which (the gateway's cleanup asks before removing). */
  attachedOf(fileIds: string[]): Promise<FileAttachedAnswer['attached']>;
}

export const FILE_ATTACHMENTS = Symbol('FILE_ATTACHMENTS');

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The message controller answering `<service>.files.access` and `<service>.files.attached`
 * for a service: add `fileAccessController(MY_SERVICE)` to the module's controllers and
 * provide FILE_ATTACHMENTS. Unknown files and records outside the actor's scope are both
 * 404, so existence never leaks.
 */
export function fileAccessController(service: string): Type<unknown> {
  const patterns = filePatterns(service);

  @Controller()
  class FileAccessController {
    constructor(@Inject(FILE_ATTACHMENTS) private readonly attachments: FileAttachments) {}

    @MessagePattern(patterns.access)
    async access(@Payload() envelope: RpcEnvelope<{ fileId?: unknown }>): Promise<FileRecordRef> {
      const actor = actorOf(envelope);
      const fileId = envelope.data?.fileId;
      if (typeof fileId !== 'string' || !UUID.test(fileId)) throw badRequest('Validation failed', [{ field: 'fileId', message: 'fileId must be a UUID' }]);
      const record = await this.attachments.visibleRecordOf(actor, fileId);
      if (!record) throw notFound('File');
      return record;
    }

    @MessagePattern(patterns.attached)
    async attached(@Payload() envelope: RpcEnvelope<{ fileIds?: unknown }>): Promise<FileAttachedAnswer> {
      actorOf(envelope);
      const ids = envelope.data?.fileIds;
      if (!Array.isArray(ids) || ids.length > FILE_ATTACHED_QUERY_MAX || !ids.every((id) => typeof id === 'string' && UUID.test(id))) {
        throw badRequest('Validation failed', [{ field: 'fileIds', message: `fileIds must be at most ${FILE_ATTACHED_QUERY_MAX} UUIDs` }]);
      }
      return { attached: ids.length ? await this.attachments.attachedOf(ids as string[]) : [] };
    }
  }
  Object.defineProperty(FileAccessController, 'name', { value: `${service[0].toUpperCase()}${service.slice(1)}FileAccessController` });
  return FileAccessController;
}
