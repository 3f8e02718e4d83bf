/** The platform module's strings in English: users, org units, the audit log. */
export const platformEnglish = {
  resources: {
    'org-units': {
      name: 'Org unit |||| Org units',
      fields: {
        id: 'ID',
        code: 'Code',
        name: 'Name',
        type: 'Type',
        parentId: 'Parent unit',
        path: 'Path',
        depth: 'Level',
        createdAt: 'Created at',
        updatedAt: 'Updated at',
        q: 'Search',
      },
    },
    users: {
      name: 'User |||| Users',
      fields: {
        id: 'ID',
        username: 'Username',
        displayName: 'Display name',
        password: 'Password',
        orgUnitId: 'Org unit',
        roles: 'Roles',
        role: 'Role',
        active: 'Active',
        lockedUntil: 'Locked until',
        createdAt: 'Created at',
        updatedAt: 'Updated at',
        q: 'Search',
      },
    },
    'audit-log': {
      name: 'Audit log entry |||| Audit log',
      fields: {
        id: 'ID',
        seq: 'No.',
        at: 'Time',
        actorId: 'Actor ID',
        actorUsername: 'Actor',
        action: 'Action',
        resource: 'Resource',
        resourceId: 'Record ID',
        details: 'Details',
        hash: 'Hash',
        summary: 'What happened',
        correlationId: 'Correlation ID',
        from: 'From',
        to: 'To',
      },
    },
  },
  xb: {
    audit: {
      verify: 'Verify chain',
      verify_ok: 'Audit chain intact: %{smart_count} entry checked |||| Audit chain intact: %{smart_count} entries checked',
      verify_broken: 'Audit chain BROKEN at entry %{id} (%{entries} entries checked)',
      verify_error: 'Could not verify the audit chain',
      actions: {
        auth_login_succeeded: 'signed in',
        auth_login_failed: 'failed to sign in',
        auth_login_refused_locked: 'was refused sign-in (account locked)',
        auth_login_refused_throttled: 'was refused sign-in (too many attempts)',
        auth_account_locked: 'account locked',
        auth_user_created: 'created',
        auth_user_updated: 'changed',
        auth_user_deactivated: 'deactivated',
        org_unit_created: 'created',
        org_unit_updated: 'changed',
        org_unit_moved: 'moved',
        org_unit_deleted: 'deleted',
        files_file_downloaded: 'downloaded',
      },
      groups: {
        auth_login: 'Sign-ins (all)',
        auth_user: 'User changes (all)',
        org_unit: 'Org unit changes (all)',
        complaints_complaint: 'Complaints (all)',
      },
    },
    users: {
      password_create_helper: '8–128 characters with at least one letter and one digit',
      password_edit_helper: 'Leave empty to keep the current password',
    },
    org_units: {
      parent_helper: 'Empty only for the head office; a new parent moves the unit with everything below it',
    },
  },
};

export type PlatformMessages = typeof platformEnglish;
