/**
 * Evidence files 证据材料 (photos, scans, signed documents) on the JetStream object store.
 * The gateway receives uploads, sniffs the type from the content and stores each content
 * once (SHA-256) in the bucket of the service that owns the purpose; the owning service
 * keeps which record a file is attached to and answers "may this actor see it?"
 * (`filePatterns(service).access`). Types and names only.
 */
import { ApiProperty } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';
import type { Role } from '../common/roles.js';

/** Default upload limit (FILES_MAX_BYTES overrides it in the gateway). */
export const FILES_MAX_BYTES_DEFAULT = 20 * 1024 * 1024;
/** A file not attached to a record within this many hours is removed (FILES_UNATTACHED_TTL_HOURS). */
export const FILES_UNATTACHED_TTL_HOURS_DEFAULT = 24;
/** Longest side of a thumbnail, in pixels. */
export const THUMBNAIL_SIZE = 320;

export const IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'image/gif'] as const;
export const PDF_TYPES = ['application/pdf'] as const;
/** Office Open XML documents (Word, Excel, PowerPoint); the legacy binary formats are not accepted. */
export const OFFICE_TYPES = [
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation',
] as const;
/** What evidence may be: images, PDF, Office documents. */
export const EVIDENCE_TYPES: readonly string[] = [...IMAGE_TYPES, ...PDF_TYPES, ...OFFICE_TYPES];

export interface FilePurposeSpec {
  /** The service that owns the records (and the bucket). */
  service: string;
  /** The record type within that service. */
  recordType: string;
  /** MIME types (sniffed from content) accepted for this purpose. */
  accept: readonly string[];
  /** Roles that may upload for this purpose (those who may attach to such records). */
  uploaders: readonly Role[];
}

/** Purposes `<service>.<record type>`: who owns a file and what it may be. Other modules add their lines. */
export const FILE_PURPOSES = {
  'complaints.complaint': { service: 'complaints', recordType: 'complaint', accept: EVIDENCE_TYPES, uploaders: ['admin', 'handler'] },
  'policies.policy-version': { service: 'policies', recordType: 'policy-version', accept: [...PDF_TYPES, ...OFFICE_TYPES, ...IMAGE_TYPES], uploaders: ['admin'] },
  /** 暗访 photos of a visit's answers (taken by the inspector, often from the phone's camera). */
  'inspections.inspection': { service: 'inspections', recordType: 'inspection', accept: IMAGE_TYPES, uploaders: ['admin', 'inspector'] },
  /** Evidence of a rectification 整改 (the owning unit's photo or document). */
  'inspections.rectification': { service: 'inspections', recordType: 'rectification', accept: EVIDENCE_TYPES, uploaders: ['admin', 'handler'] },
  'campaigns.activity': { service: 'campaigns', recordType: 'activity', accept: EVIDENCE_TYPES, uploaders: ['admin', 'staff'] },
} as const satisfies Record<string, FilePurposeSpec>;

export type FilePurpose = keyof typeof FILE_PURPOSES;

/** The record an evidence file is for. */
export const FILE_PURPOSE_LABELS: Record<FilePurpose, { zh: string; en: string }> = {
  'complaints.complaint': { zh: '投诉证据', en: 'Complaint evidence' },
  'policies.policy-version': { zh: '制度版本附件', en: 'Policy version attachment' },
  'inspections.inspection': { zh: '暗访检查照片', en: 'Inspection photo' },
  'inspections.rectification': { zh: '整改证明', en: 'Rectification evidence' },
  'campaigns.activity': { zh: '宣传活动照片', en: 'Campaign activity photo' },
};
export const FILE_PURPOSE_KEYS = Object.keys(FILE_PURPOSES) as FilePurpose[];

export function filePurposeSpec(purpose: unknown): FilePurposeSpec | undefined {
  return typeof purpose === 'string' && Object.hasOwn(FILE_PURPOSES, purpose) ? FILE_PURPOSES[purpose as FilePurpose] : undefined;
}

/** One object-store bucket per owning service (replicated like the event stream in a cluster). */
export const fileBucketOf = (service: string) => `files-${service}`;

export const isImageType = (mimeType: string) => (IMAGE_TYPES as readonly string[]).includes(mimeType);

/** An uploaded file as the API answers it. */
export interface StoredFileView {
  id: string;
  name: string;
  size: number;
  /** Hex SHA-256 of the content: the same content is stored once. */
  sha256: string;
  /** Sniffed from the content, not taken from the name. */
  mimeType: string;
  purpose: FilePurpose;
  createdAt: string;
  /** User id of the uploader. */
  createdBy: string;
  createdByUsername: string;
  /** True for images: `GET /api/files/:id/thumbnail` answers. */
  hasThumbnail: boolean;
  /** The record it is attached to; null while unattached (removed after FILES_UNATTACHED_TTL_HOURS). */
  attachedTo: FileRecordRef | null;
}

/** A record of the owning service that a file is attached to. */
export interface FileRecordRef {
  recordType: string;
  recordId: string;
}

/**
 * Request-reply every service that owns file purposes implements (service-kit's
 * `fileAccessController`): the gateway asks before streaming a file, and the cleanup job
 * asks before removing a file it believes unattached.
 */
export const filePatterns = (service: string) =>
  ({
    /** `{fileId}` with the actor → FileRecordRef when the actor may see the record the file is attached to; 404 otherwise. */
    access: `${service}.files.access`,
    /** `{fileIds}` (system call) → `{attached: FileAttachment[]}`: those attached to a record, and where. */
    attached: `${service}.files.attached`,
  }) as const;

export interface FileAccessQuery {
  fileId: string;
}

export interface FileAttachedQuery {
  fileIds: string[];
}

export interface FileAttachedAnswer {
  attached: (FileRecordRef & { fileId: string })[];
}

/** At most this many ids per `attached` question. */
export const FILE_ATTACHED_QUERY_MAX = 500;

/** Body of `POST /api/<records>/:id/attachments`. */
export class AttachFileDto {
  @ApiProperty({ format: 'uuid', description: 'An uploaded file (POST /api/files) of the matching purpose' })
  @IsUUID()
  fileId: string;
}

/** The facts of a file the gateway sends when attaching it to a record. */
export interface AttachedFileFacts {
  id: string;
  name: string;
  size: number;
  sha256: string;
  mimeType: string;
}

/** `{ id: record id, file }`: what the gateway sends to the owning service to attach a file. */
export interface AttachFileCommand {
  id: string;
  file: AttachedFileFacts;
}

/** A file attached to a record, as the record's owner lists it. */
export interface AttachmentView {
  fileId: string;
  name: string;
  size: number;
  sha256: string;
  mimeType: string;
  hasThumbnail: boolean;
  attachedAt: string;
  attachedBy: { id: string; username: string };
}

/** What one pass of the unattached-file cleanup did (`POST /api/files/cleanup`). */
export interface FileCleanupResult {
  ran: boolean;
  removed: number;
  /** Files the owning service holds although the gateway never heard its answer (now marked attached). */
  confirmed: number;
  /** Objects removed from the store (content no other upload shares). */
  objectsRemoved: number;
}
