/**
 * Who is who, as the gateway publishes it: org-unit and user events and the snapshot that a
 * fresh or lagging directory replica loads first. Plain types and constants only (no
 * decorators), so services, the gateway and tests share one definition.
 */
import type { Role } from '../common/roles.js';
import type { DomainEvent } from '../common/events.js';
import type { OrgUnitType } from '../org/types.js';

/**
 * Every directory change carries `version`: a number the gateway draws from one sequence
 * whenever a unit or user changes. A replica keeps the highest version it applied per
 * record and ignores older news, so redelivered and out-of-order events cannot undo a
 * newer state (or a snapshot row loaded after them).
 */
export type DirectoryVersion = number;

/** An org unit as replicas hold it. `path` is the materialised path `/<rootId>/…/<id>/`. */
export type DirectoryOrgUnit = {
  id: string;
  code: string;
  name: string;
  type: OrgUnitType;
  parentId: string | null;
  path: string;
  depth: number;
  version: DirectoryVersion;
};

/** A user as replicas hold it: no password material, no lockout state. */
export type DirectoryUser = {
  id: string;
  username: string;
  displayName: string;
  orgUnitId: string;
  roles: Role[];
  active: boolean;
  version: DirectoryVersion;
};

/** Names of the fields that changed (an update); `password` appears as a name only. */
export type DirectoryChanges = { changed?: string[] };

export type OrgUnitCreatedPayload = DirectoryOrgUnit;
export type OrgUnitUpdatedPayload = DirectoryOrgUnit & DirectoryChanges;
/**
 * One event for the whole subtree: consumers rewrite the path of every unit under `id`
 * (old prefix → new prefix). The new path is also derivable as the new parent's path + id.
 */
export type OrgUnitMovedPayload = DirectoryOrgUnit & { oldParentId: string | null; oldPath: string };
export type OrgUnitDeletedPayload = Pick<DirectoryOrgUnit, 'id' | 'code' | 'name' | 'parentId' | 'path' | 'version'>;
export type UserCreatedPayload = DirectoryUser;
export type UserUpdatedPayload = DirectoryUser & DirectoryChanges;
/** The user was switched off (active false); also sent when a user record is deleted, with `deleted: true`. */
export type UserDeactivatedPayload = DirectoryUser & DirectoryChanges & { deleted?: boolean };

/** Event names (`<domain>.<aggregate>.<past-tense>`; on JetStream as `events.<name>`). */
export const DIRECTORY_EVENTS = {
  unitCreated: 'org.unit.created',
  unitUpdated: 'org.unit.updated',
  unitMoved: 'org.unit.moved',
  unitDeleted: 'org.unit.deleted',
  userCreated: 'auth.user.created',
  userUpdated: 'auth.user.updated',
  userDeactivated: 'auth.user.deactivated',
} as const;

/** Event name → payload type. */
export type DirectoryEventPayloads = {
  'org.unit.created': OrgUnitCreatedPayload;
  'org.unit.updated': OrgUnitUpdatedPayload;
  'org.unit.moved': OrgUnitMovedPayload;
  'org.unit.deleted': OrgUnitDeletedPayload;
  'auth.user.created': UserCreatedPayload;
  'auth.user.updated': UserUpdatedPayload;
  'auth.user.deactivated': UserDeactivatedPayload;
};
export type DirectoryEventName = keyof DirectoryEventPayloads;
export type DirectoryEvent<N extends DirectoryEventName = DirectoryEventName> = DomainEvent<DirectoryEventPayloads[N]> & { name: N };

export const DIRECTORY_EVENT_NAMES = Object.values(DIRECTORY_EVENTS) as DirectoryEventName[];
export const isDirectoryEvent = (event: DomainEvent<unknown>): event is DirectoryEvent =>
  (DIRECTORY_EVENT_NAMES as string[]).includes(event.name);

/** Aggregate types the directory events carry (`DomainEvent.aggregateType`). */
export const DIRECTORY_AGGREGATES = { unit: 'org-unit', user: 'user' } as const;

/** Request-reply served by the gateway: one page of the directory, ordered by id. */
export const DIRECTORY_SNAPSHOT_SUBJECT = 'org.directory.snapshot';
/** Largest page the gateway answers; larger `limit`s are cut to it. */
export const DIRECTORY_SNAPSHOT_MAX_PAGE = 1000;

export type DirectorySnapshotRequest = {
  kind: 'units' | 'users';
  /** Keyset cursor: the last id of the previous page (omit for the first page). */
  after?: string | null;
  limit?: number;
  /** Only these records (a replica that met an id it does not know yet). */
  ids?: string[];
};

export type DirectorySnapshotPage<T extends DirectoryOrgUnit | DirectoryUser = DirectoryOrgUnit | DirectoryUser> = {
  kind: 'units' | 'users';
  items: T[];
  /** Cursor for the next page; null when this was the last one. */
  next: string | null;
};

/** The answer when a snapshot request is malformed. */
export type DirectorySnapshotError = { error: string };
