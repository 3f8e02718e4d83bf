// The TypeORM CLI loads this file from dist/: keep it free of Nest imports.
import { DataSource, type DataSourceOptions } from 'typeorm';
import { serviceDataSourceOptions } from '@xb/service-kit';
import { AuditEntryEntity } from '../audit/audit-entry.entity.js';
import { IdempotencyKeyEntity } from '../common/idempotency-key.entity.js';
import { OrgUnitEntity } from '../org-units/org-unit.entity.js';
import { UserEntity } from '../users/user.entity.js';
import { Init1763800000000 } from './migrations/1763800000000-init.js';
import { LoginIpThrottle1795800000000 } from './migrations/1795800000000-login-ip-throttle.js';
import { DirectoryVersions1795900000000 } from './migrations/1795900000000-directory-versions.js';
import { StoredFiles1795900000100 } from './migrations/1795900000100-stored-files.js';

export const GATEWAY_ENTITIES = [OrgUnitEntity, UserEntity, AuditEntryEntity, IdempotencyKeyEntity];

export function gatewayDataSourceOptions(url: string): DataSourceOptions {
  return serviceDataSourceOptions({ url, entities: GATEWAY_ENTITIES, migrations: [Init1763800000000, LoginIpThrottle1795800000000, DirectoryVersions1795900000000, StoredFiles1795900000100] });
}

export default new DataSource(gatewayDataSourceOptions(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/xb_gateway'));
