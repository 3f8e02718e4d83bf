import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { isWithinPath, type Actor, type FileAttachedAnswer, type FileRecordRef } from '@xb/contracts';
import type { FileAttachments } from '@xb/service-kit';
import { DataSource, type EntityManager } from 'typeorm';
import { inspectionScope, seesUnreviewed } from '../common/access.js';

/** Records the evidence files of a visit or a rectification (in the caller's transaction). */
export async function recordEvidence(m: EntityManager, recordType: 'inspection' | 'rectification', recordId: string, fileIds: string[]): Promise<void> {
  if (!fileIds.length) return;
  await m.query(`INSERT INTO evidence_file (file_id, record_type, record_id) SELECT unnest($1::uuid[]), $2, $3 ON CONFLICT DO NOTHING`, [[...new Set(fileIds)], recordType, recordId]);
}

/**
 * "May this actor see file X?" for the gateway's `GET /api/files/:id`: yes when the file
 * belongs to a visit the actor may see (the outlet's staff: reviewed visits only) or a
 * rectification in the actor's scope.
 */
@Injectable()
export class EvidenceFiles implements FileAttachments {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async visibleRecordOf(actor: Actor, fileId: string): Promise<FileRecordRef | null> {
    const rows = (await this.ds.query(
      `SELECT e.record_type, e.record_id, coalesce(i.outlet_path, r.owner_path) AS path, i.status
         FROM evidence_file e
         LEFT JOIN inspection i ON e.record_type = 'inspection' AND i.id = e.record_id
         LEFT JOIN rectification r ON e.record_type = 'rectification' AND r.id = e.record_id
        WHERE e.file_id = $1`,
      [fileId],
    )) as { record_type: string; record_id: string; path: string; status: string | null }[];
    const scope = inspectionScope(actor);
    const seen = rows.find(
      (r) => r.path && isWithinPath(r.path, scope) && (r.record_type === 'rectification' || seesUnreviewed(actor) || r.status === 'reviewed'),
    );
    return seen ? { recordType: seen.record_type, recordId: seen.record_id } : null;
  }

  async attachedOf(fileIds: string[]): Promise<FileAttachedAnswer['attached']> {
    const rows = (await this.ds.query(`SELECT DISTINCT ON (file_id) file_id, record_type, record_id FROM evidence_file WHERE file_id = ANY($1::uuid[]) ORDER BY file_id, attached_at`, [
      fileIds,
    ])) as { file_id: string; record_type: string; record_id: string }[];
    return rows.map((r) => ({ fileId: r.file_id, recordType: r.record_type, recordId: r.record_id }));
  }
}
