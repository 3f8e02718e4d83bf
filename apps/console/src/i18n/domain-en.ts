/**
 * Strings shared by every module (sign-in, roles, org types, dashboard, common widgets,
 * server validation) in English. The Chinese file must have exactly this shape
 * (`DomainMessages`), so neither language misses a key. Each module's own strings live in
 * `modules/<module>/messages-*.ts`; coded complaint lists come from the server.
 */
export const domainEnglish = {
  xb: {
    app: {
      title: 'Consumer Protection Platform',
    },
    auth: {
      invalid_credentials: 'Wrong username or password',
      locked: 'The account is locked after repeated failed sign-ins; try again later',
      throttled: 'Too many failed sign-ins from this address; try again in 15 minutes',
    },
    roles: {
      admin: 'Consumer-protection office admin',
      handler: 'Complaint handler',
      trainer: 'Trainer',
      inspector: 'Mystery-shopper inspector',
      auditor: 'Auditor',
      staff: 'Staff',
    },
    org_types: {
      head_office: 'Head office',
      branch: 'Branch',
      sub_branch: 'Sub-branch',
      outlet: 'Outlet',
      department: 'Department',
    },
    dashboard: {
      welcome: 'Welcome, %{name}',
      org_unit: 'Org unit',
      roles: 'Roles',
      complaints_title: 'Complaints in your scope',
      open: 'Open complaints',
      overdue: 'Overdue',
      overdue_at_least: 'at least %{count}',
      view: 'View',
      modules_coming: 'Training, inspections, policies and outreach modules will appear here as they are released.',
      load_error: 'Could not load complaint counts',
      case_archive_hint: 'Typical complaints, their root causes and the lessons learned.',
      my_queue: 'Waiting for me',
    },
    files: {
      upload: 'Upload evidence',
      hint: 'Photos, PDF, Word, Excel or PowerPoint files up to 20 MB; the type is read from the content.',
      empty: 'No files attached',
      error: 'Could not load the files',
      download: 'Download (recorded in the audit log)',
      download_error: 'Could not download the file',
      line: '%{size} · %{user} · %{at}',
      uploaded: 'File attached |||| %{smart_count} files attached',
      upload_error: 'The file could not be uploaded',
      too_large: 'The file is too large (at most 20 MB).',
      unsupported: 'This kind of file is not accepted: photos, PDF and Office documents only.',
    },
    reveal: {
      hint: 'Every reveal is recorded in the audit log with your name and reason.',
      dialog_title: 'Why do you need the clear data?',
      dialog_text: 'State the reason (查询事由). It is recorded with your name in the audit log; the clear values hide again after %{seconds} seconds.',
      reason: 'Reason',
      reason_help: 'Choose one above or type your own (2–200 characters).',
      reason_required: 'State a reason (at least 2 characters)',
      reason_too_long: 'At most 200 characters',
      presets: {
        verify_identity: 'Verify the customer’s identity',
        contact_customer: 'Call the customer back',
        regulator_request: 'Regulator’s request',
        legal_request: 'Court or police request',
      },
      confirm: 'Reveal',
      hide: 'Hide',
      hides_in: 'Hidden again in %{seconds} s.',
      error: 'Could not reveal the data',
    },
    common: {
      no_options: 'No matches',
      /** Pagination when more rows match than the server counts (LIST_COUNT_CAP). */
      range_of_more_than: '%{from}-%{to} of more than %{cap}',
      count_exactly: 'Count exactly',
      exact_count: 'Exactly %{count} match',
    },
    server_validation: {
      required: '%{field} is required',
      choice: 'Choose a valid %{field}',
      format: '%{field} has the wrong format',
      length: '%{field} is too short or too long',
      too_short: '%{field} is too short',
      too_long: '%{field} is too long',
      text: '%{field} must be text',
      date: '%{field} must be a valid date and time',
      number: '%{field} must be a number',
      too_small: '%{field} is too small',
      too_large: '%{field} is too large',
      boolean: '%{field} must be yes or no',
      list: '%{field} must be a list',
      list_too_short: '%{field} needs at least one entry',
      list_too_long: '%{field} has too many entries',
      unknown_field: '%{field} may not be sent',
      // List queries (filter / range / sort), checked by the shared list parser.
      json: '%{field} must be valid JSON',
      one_or_many: '%{field} must be one value or a list of values',
      range: 'Invalid page range (at most 1,000 rows a page)',
      sort: 'This field cannot be sorted on',
    },
    validation: {
      money: 'An amount in yuan with at most two decimals',
      phone: 'A mobile number (11 digits) or a landline',
      id_number: 'An 18-character resident ID number',
      username: 'Lower-case letters, digits, ".", "_" and "-" only (3–64)',
      password: '8–128 characters with at least one letter and one digit',
      code: 'Letters, digits, "-" and "_" only (2–32)',
    },
  },
};

export type DomainMessages = typeof domainEnglish;
