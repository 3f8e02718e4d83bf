import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { AttachedFileFacts } from '@xb/contracts';
import { DataSource, type EntityManager } from 'typeorm';

export interface ComplaintAttachmentRow {
  fileId: string;
  complaintId: string;
  name: string;
  size: number;
  sha256: string;
  mimeType: string;
  attachedById: string;
  attachedByUsername: string;
  attachedAt: Date;
}

const COLUMNS = `file_id AS "fileId", complaint_id AS "complaintId", name, size::float8 AS size, sha256, mime_type AS "mimeType",
  attached_by_id AS "attachedById", attached_by_username AS "attachedByUsername", attached_at AS "attachedAt"`;

/** The SQL of complaint attachments (which complaint each evidence file belongs to). */
@Injectable()
export class ComplaintAttachmentsRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /** Inserts the attachment unless the file is already attached somewhere; answers the row as stored (possibly another complaint's). */
  async insert(manager: EntityManager, complaintId: string, file: AttachedFileFacts, by: { id: string; username: string }, at: Date): Promise<{ row: ComplaintAttachmentRow; inserted: boolean }> {
    const inserted = (await manager.query(
      `INSERT INTO complaint_attachment (file_id, complaint_id, name, size, sha256, mime_type, attached_by_id, attached_by_username, attached_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT (file_id) DO NOTHING
       RETURNING ${COLUMNS}`,
      [file.id, complaintId, file.name, file.size, file.sha256, file.mimeType, by.id, by.username, at],
    )) as ComplaintAttachmentRow[];
    if (inserted.length) return { row: inserted[0], inserted: true };
    const [row] = (await manager.query(`SELECT ${COLUMNS} FROM complaint_attachment WHERE file_id = $1`, [file.id])) as ComplaintAttachmentRow[];
    return { row, inserted: false };
  }

  listOf(complaintId: string): Promise<ComplaintAttachmentRow[]> {
    return this.ds.query(`SELECT ${COLUMNS} FROM complaint_attachment WHERE complaint_id = $1 ORDER BY attached_at, file_id`, [complaintId]);
  }

  async byFile(fileId: string): Promise<ComplaintAttachmentRow | null> {
    const [row] = (await this.ds.query(`SELECT ${COLUMNS} FROM complaint_attachment WHERE file_id = $1`, [fileId])) as ComplaintAttachmentRow[];
    return row ?? null;
  }

  async complaintsOf(fileIds: string[]): Promise<{ fileId: string; complaintId: string }[]> {
    return this.ds.query(`SELECT file_id AS "fileId", complaint_id AS "complaintId" FROM complaint_attachment WHERE file_id = ANY($1::uuid[])`, [fileIds]);
  }
}
