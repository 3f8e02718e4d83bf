/**
 * The complaints database. No Nest imports here: the TypeORM CLI loads the compiled
 * file (`typeorm -d dist/database/data-source.js migration:show`).
 */
import { serviceDataSourceOptions } from '@xb/service-kit';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { CaseArchiveEntry } from '../case-archive/case-archive-entry.entity.js';
import { ComplaintTimelineEntry } from '../complaints/complaint-timeline.entity.js';
import { Complaint } from '../complaints/complaint.entity.js';
import { Init1795345084172 } from './migrations/1795345084172-init.js';
import { ComplaintWorkflow1795402000000 } from './migrations/1795402000000-complaint-workflow.js';
import { HolidayCalendar1795402000001 } from './migrations/1795402000001-holiday-calendar.js';
import { CaseArchive1795402000002 } from './migrations/1795402000002-case-archive.js';
import { AnalysisRollup1795500000000 } from './migrations/1795500000000-analysis-rollup.js';
import { AnalysisRollupDeltaLog1795500000100 } from './migrations/1795500000100-analysis-rollup-delta-log.js';
import { ComplaintScopeCoveringIndex1795500000200 } from './migrations/1795500000200-complaint-scope-covering-index.js';
import { AnalysisClockStopsAtReply1795600000000 } from './migrations/1795600000000-analysis-clock-stops-at-reply.js';
import { ListCoveringIndexes1795700000000 } from './migrations/1795700000000-list-covering-indexes.js';
import { DeadlinesByCivilCode1795800000000 } from './migrations/1795800000000-deadlines-by-civil-code.js';
import { DirectoryReplica1795900000000 } from './migrations/1795900000000-directory-replica.js';
import { ComplaintAttachments1795900000100 } from './migrations/1795900000100-complaint-attachments.js';

export const ENTITIES = [Complaint, ComplaintTimelineEntry, CaseArchiveEntry];
export const MIGRATIONS = [Init1795345084172, AnalysisRollup1795500000000, AnalysisRollupDeltaLog1795500000100, ComplaintScopeCoveringIndex1795500000200, AnalysisClockStopsAtReply1795600000000, ComplaintWorkflow1795402000000, HolidayCalendar1795402000001, CaseArchive1795402000002, ListCoveringIndexes1795700000000, DeadlinesByCivilCode1795800000000, DirectoryReplica1795900000000, ComplaintAttachments1795900000100];

export function dataSourceOptions(url: string): DataSourceOptions {
  return serviceDataSourceOptions({ url, entities: ENTITIES, migrations: MIGRATIONS });
}

/**
 * For the TypeORM CLI only; the app builds its own from the validated config. Reading
 * DATABASE_URL here is the one exception to "config is read once": the CLI has no config.
 * Constructing a DataSource does not connect, so importing this file is harmless.
 */
export default new DataSource(dataSourceOptions(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/xb_complaints'));
