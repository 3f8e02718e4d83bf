import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Actor, FileAttachedAnswer, FileRecordRef } from '@xb/contracts';
import type { FileAttachments } from '@xb/service-kit';
import type { DataSource } from 'typeorm';
import { isOverseer } from './policy-access.js';
import { inAudience } from './version-rules.js';

/**
 * Attachments of policy versions (files from `/api/files`, purpose `policies.policy-version`):
 * who may see one is who may read a version that names it — admins and auditors any version,
 * everyone else a published version of a document whose audience holds them.
 */
@Injectable()
export class VersionFiles implements FileAttachments {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async visibleRecordOf(actor: Actor, fileId: string): Promise<FileRecordRef | null> {
    const rows = (await this.ds.query(
      `SELECT v.id, v.status, d.audience_roles,
              COALESCE((SELECT array_agg(a.path) FROM directory_org_unit a WHERE a.id = ANY(d.audience_unit_ids) AND NOT a.deleted), '{}') AS paths
         FROM policy_version v JOIN policy_document d ON d.id = v.document_id
        WHERE v.attachments @> $1::jsonb ORDER BY v.number DESC`,
      [JSON.stringify([{ fileId }])],
    )) as { id: string; status: string; audience_roles: Actor['roles']; paths: string[] }[];
    const visible = rows.find((r) => isOverseer(actor) || (r.status === 'published' && inAudience(actor.orgPath, actor.roles, r.paths, r.audience_roles)));
    return visible ? { recordType: 'policy-version', recordId: visible.id } : null;
  }

  async attachedOf(fileIds: string[]): Promise<FileAttachedAnswer['attached']> {
    const rows = (await this.ds.query(
      `SELECT DISTINCT ON (a->>'fileId') a->>'fileId' AS "fileId", v.id AS "recordId"
         FROM policy_version v, jsonb_array_elements(v.attachments) a WHERE a->>'fileId' = ANY($1::text[])`,
      [fileIds],
    )) as { fileId: string; recordId: string }[];
    return rows.map((r) => ({ fileId: r.fileId, recordType: 'policy-version', recordId: r.recordId }));
  }
}
