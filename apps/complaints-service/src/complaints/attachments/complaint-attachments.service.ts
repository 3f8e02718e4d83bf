import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { COMPLAINT_EVENTS, isImageType, mayDo, type Actor, type AttachmentView, type FileAttachedAnswer, type FileRecordRef } from '@xb/contracts';
import { appendEvent, conflict, notFound, OutboxRelay, validateDto, type FileAttachments } from '@xb/service-kit';
import { CLOCK, type Clock } from '../../tokens.js';
import { ComplaintIdInput } from '../complaint-inputs.dto.js';
import { assertActorIds, assertPermitted, visibilityOf } from '../complaint-scope.js';
import { ComplaintsRepository } from '../complaints.repository.js';
import { AttachFileInput } from './attach-file.input.js';
import { ComplaintAttachmentsRepository, type ComplaintAttachmentRow } from './complaint-attachments.repository.js';

/**
 * Evidence files on complaints: attaching one (a timeline step and an event, in one
 * transaction), listing them, and answering the gateway's file questions — whoever may
 * read a complaint may see its files; nobody else learns they exist.
 */
@Injectable()
export class ComplaintAttachmentsService implements FileAttachments {
  constructor(
    private readonly complaints: ComplaintsRepository,
    private readonly attachments: ComplaintAttachmentsRepository,
    private readonly relay: OutboxRelay,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Attaches an uploaded file to a complaint the actor may work on; attaching the same file again answers the same attachment. */
  async attach(actor: Actor, data: unknown): Promise<AttachmentView> {
    assertActorIds(actor);
    assertPermitted(actor, 'complaints', 'attach');
    const input = await validateDto(AttachFileInput, data);
    const { scope, actorId } = visibilityOf(actor);
    const result = await this.complaints.transaction(async (manager) => {
      const c = await this.complaints.lockInScope(manager, input.id, scope, actorId);
      if (!c) throw notFound('Complaint');
      const now = this.clock.now();
      const { row, inserted } = await this.attachments.insert(manager, c.id, input.file, actor, now);
      if (row.complaintId !== c.id) throw conflict('The file is attached to another record');
      if (!inserted) return row;
      const facts = { fileId: row.fileId, name: row.name, size: row.size, sha256: row.sha256, mimeType: row.mimeType };
      await this.complaints.addTimeline(manager, {
        id: randomUUID(),
        complaintId: c.id,
        action: 'attachment-added',
        fromStatus: c.status,
        toStatus: c.status,
        actorId: actor.id,
        actorUsername: actor.username,
        actorOrgUnitId: actor.orgUnitId,
        occurredAt: now,
        note: null,
        details: { fileId: row.fileId, fileName: row.name },
      });
      await appendEvent(manager, {
        name: COMPLAINT_EVENTS.attachmentAdded,
        actor: { id: actor.id, username: actor.username, orgUnitId: actor.orgUnitId },
        aggregateType: 'complaint',
        aggregateId: c.id,
        orgPath: c.orgPath,
        occurredAt: now.toISOString(),
        payload: { complaintId: c.id, reference: c.reference, ...facts },
      });
      return row;
    });
    this.relay.kick();
    return toView(result);
  }

  /** The files attached to a complaint the actor may read, oldest first. */
  async list(actor: Actor, data: unknown): Promise<AttachmentView[]> {
    assertPermitted(actor, 'complaints', 'show');
    const { id } = await validateDto(ComplaintIdInput, data);
    const { scope, actorId } = visibilityOf(actor);
    if (!(await this.complaints.findInScope(id, scope, actorId))) throw notFound('Complaint');
    return (await this.attachments.listOf(id)).map(toView);
  }

  async visibleRecordOf(actor: Actor, fileId: string): Promise<FileRecordRef | null> {
    if (!mayDo(actor.roles, 'complaints', 'show')) return null;
    const row = await this.attachments.byFile(fileId);
    if (!row) return null;
    const { scope, actorId } = visibilityOf(actor);
    if (!(await this.complaints.findInScope(row.complaintId, scope, actorId))) return null;
    return { recordType: 'complaint', recordId: row.complaintId };
  }

  async attachedOf(fileIds: string[]): Promise<FileAttachedAnswer['attached']> {
    return (await this.attachments.complaintsOf(fileIds)).map((r) => ({ fileId: r.fileId, recordType: 'complaint', recordId: r.complaintId }));
  }
}

function toView(row: ComplaintAttachmentRow): AttachmentView {
  return {
    fileId: row.fileId,
    name: row.name,
    size: Number(row.size),
    sha256: row.sha256,
    mimeType: row.mimeType,
    hasThumbnail: isImageType(row.mimeType),
    attachedAt: new Date(row.attachedAt).toISOString(),
    attachedBy: { id: row.attachedById, username: row.attachedByUsername },
  };
}
