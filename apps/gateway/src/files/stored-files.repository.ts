import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { FilePurpose, FileRecordRef, StoredFileView } from '@xb/contracts';
import { DataSource, type EntityManager } from 'typeorm';

export interface StoredFileRow {
  id: string;
  purpose: FilePurpose;
  service: string;
  name: string;
  size: number;
  sha256: string;
  mimeType: string;
  hasThumbnail: boolean;
  createdBy: string;
  createdByUsername: string;
  createdAt: Date;
  recordType: string | null;
  recordId: string | null;
  claimedAt: Date | null;
  attachedAt: Date | null;
}

export type NewStoredFile = Omit<StoredFileRow, 'createdAt' | 'recordType' | 'recordId' | 'claimedAt' | 'attachedAt'>;

const COLUMNS = `id, purpose, service, name, size::float8 AS size, sha256, mime_type AS "mimeType", has_thumbnail AS "hasThumbnail",
  created_by AS "createdBy", created_by_username AS "createdByUsername", created_at AS "createdAt",
  record_type AS "recordType", record_id AS "recordId", claimed_at AS "claimedAt", attached_at AS "attachedAt"`;

/** Lock space of "one content in one bucket" (with hashtext of service and hash as the second key). */
const CONTENT_LOCK = 7215003;

/** All SQL of stored files; the object store is FileBuckets' business. */
@Injectable()
export class StoredFilesRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /**
   * Runs `work` in a transaction holding the lock of one content (service + SHA-256), so an
   * upload that finds the object already stored and a cleanup removing it cannot interleave.
   */
  withContentLock<T>(service: string, sha256: string, work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.ds.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [CONTENT_LOCK, `${service}/${sha256}`]);
      return work(manager);
    });
  }

  async insert(manager: EntityManager, f: NewStoredFile): Promise<StoredFileRow> {
    const [row] = (await manager.query(
      `INSERT INTO stored_file (id, purpose, service, name, size, sha256, mime_type, has_thumbnail, created_by, created_by_username)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING ${COLUMNS}`,
      [f.id, f.purpose, f.service, f.name, f.size, f.sha256, f.mimeType, f.hasThumbnail, f.createdBy, f.createdByUsername],
    )) as StoredFileRow[];
    return row;
  }

  async get(id: string): Promise<StoredFileRow | null> {
    const [row] = (await this.ds.query(`SELECT ${COLUMNS} FROM stored_file WHERE id = $1`, [id])) as StoredFileRow[];
    return row ?? null;
  }

  /** Claims the file for a record before the owning service is asked; false when another record holds it. */
  async claim(id: string, record: FileRecordRef): Promise<boolean> {
    // TypeORM answers an UPDATE … RETURNING with [rows, rowCount].
    const [rows] = (await this.ds.query(
      `UPDATE stored_file SET record_type = $2, record_id = $3, claimed_at = now()
        WHERE id = $1 AND (record_id IS NULL OR (record_type = $2 AND record_id = $3)) RETURNING id`,
      [id, record.recordType, record.recordId],
    )) as [unknown[], number];
    return rows.length === 1;
  }

  /** Gives up a claim the owning service refused (never one it confirmed). */
  async releaseClaim(id: string, record: FileRecordRef): Promise<void> {
    await this.ds.query(`UPDATE stored_file SET record_type = NULL, record_id = NULL, claimed_at = NULL WHERE id = $1 AND record_id = $2 AND attached_at IS NULL`, [
      id,
      record.recordId,
    ]);
  }

  /** The owning service holds the file on this record. */
  async confirmAttached(id: string, record: FileRecordRef): Promise<void> {
    await this.ds.query(`UPDATE stored_file SET record_type = $2, record_id = $3, attached_at = coalesce(attached_at, now()) WHERE id = $1`, [
      id,
      record.recordType,
      record.recordId,
    ]);
  }

  /**
   * Unattached files older than the cutoff, oldest first; a claim younger than
   * `claimGraceBefore` is left alone (its attach call may still be under way).
   */
  unattachedBefore(cutoff: Date, claimGraceBefore: Date, limit: number): Promise<StoredFileRow[]> {
    return this.ds.query(
      `SELECT ${COLUMNS} FROM stored_file
        WHERE attached_at IS NULL AND created_at < $1 AND (claimed_at IS NULL OR claimed_at < $2)
        ORDER BY created_at LIMIT $3`,
      [cutoff, claimGraceBefore, limit],
    );
  }

  /** Deletes the row if it is still unattached; answers whether another row still uses its content. */
  async deleteUnattached(manager: EntityManager, row: StoredFileRow): Promise<{ deleted: boolean; contentStillUsed: boolean }> {
    // TypeORM answers a DELETE … RETURNING with [rows, rowCount].
    const [deleted] = (await manager.query(`DELETE FROM stored_file WHERE id = $1 AND attached_at IS NULL RETURNING id`, [row.id])) as [unknown[], number];
    const [{ n }] = (await manager.query(`SELECT count(*)::int AS n FROM stored_file WHERE service = $1 AND sha256 = $2`, [row.service, row.sha256])) as { n: number }[];
    return { deleted: deleted.length === 1, contentStillUsed: n > 0 };
  }
}

export function toStoredFileView(row: StoredFileRow): StoredFileView {
  return {
    id: row.id,
    name: row.name,
    size: Number(row.size),
    sha256: row.sha256,
    mimeType: row.mimeType,
    purpose: row.purpose,
    createdAt: new Date(row.createdAt).toISOString(),
    createdBy: row.createdBy,
    createdByUsername: row.createdByUsername,
    hasThumbnail: row.hasThumbnail,
    attachedTo: row.attachedAt && row.recordType && row.recordId ? { recordType: row.recordType, recordId: row.recordId } : null,
  };
}
