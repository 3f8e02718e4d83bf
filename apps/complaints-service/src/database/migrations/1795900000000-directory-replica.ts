import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createDirectoryTables, dropDirectoryTables } from '@xb/service-kit';

/** The directory replica (org units and users, from the gateway's events and snapshot): scope and analysis read paths from it. */
export class DirectoryReplica1795900000000 implements MigrationInterface {
  name = 'DirectoryReplica1795900000000';

  async up(q: QueryRunner): Promise<void> {
    await createDirectoryTables(q);
  }

  async down(q: QueryRunner): Promise<void> {
    await dropDirectoryTables(q);
  }
}
