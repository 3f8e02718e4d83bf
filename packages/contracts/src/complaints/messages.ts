/** Request-reply patterns of the complaints service: `<service>.<aggregate>.<verb>`. */
export const COMPLAINT_PATTERNS = {
  create: 'complaints.complaint.create',
  list: 'complaints.complaint.list',
  /** The exact number of complaints a list filter matches (the list itself counts only up to LIST_COUNT_CAP). */
  count: 'complaints.complaint.count',
  get: 'complaints.complaint.get',
  revealPii: 'complaints.complaint.reveal-pii',
  codes: 'complaints.reference.codes',
  // Workflow: one pattern per action (受理 → 分办 → 处理 → 办结 → 反馈 → 回访, and the side paths).
  assign: 'complaints.complaint.assign',
  start: 'complaints.complaint.start',
  resolve: 'complaints.complaint.resolve',
  reply: 'complaints.complaint.reply',
  close: 'complaints.complaint.close',
  reject: 'complaints.complaint.reject',
  withdraw: 'complaints.complaint.withdraw',
  reopen: 'complaints.complaint.reopen',
  extend: 'complaints.complaint.extend',
  pause: 'complaints.complaint.pause',
  resume: 'complaints.complaint.resume',
  markTypical: 'complaints.complaint.mark-typical',
  timeline: 'complaints.complaint.timeline',
  queue: 'complaints.complaint.queue',
  import: 'complaints.complaint.import',
  supervisionBoard: 'complaints.supervision.board',
  supervisionRunNow: 'complaints.supervision.run-now',
  caseArchiveList: 'complaints.case-archive.list',
  caseArchiveGet: 'complaints.case-archive.get',
  /** Attach an uploaded evidence file (`AttachFileCommand`); listed with `attachments`. */
  attachFile: 'complaints.complaint.attach-file',
  attachments: 'complaints.complaint.attachments',
} as const;

/** Durable domain events of the complaints service: `<service>.<aggregate>.<past-tense>`. */
export const COMPLAINT_EVENTS = {
  received: 'complaints.complaint.received',
  piiRevealed: 'complaints.complaint.pii-revealed',
  assigned: 'complaints.complaint.assigned',
  started: 'complaints.complaint.started',
  resolved: 'complaints.complaint.resolved',
  replied: 'complaints.complaint.replied',
  closed: 'complaints.complaint.closed',
  rejected: 'complaints.complaint.rejected',
  withdrawn: 'complaints.complaint.withdrawn',
  reopened: 'complaints.complaint.reopened',
  extended: 'complaints.complaint.extended',
  paused: 'complaints.complaint.paused',
  resumed: 'complaints.complaint.resumed',
  markedTypical: 'complaints.complaint.marked-typical',
  /** 督办 reminder before the due date (payload `thresholdDays`). */
  reminded: 'complaints.complaint.reminded',
  /** Overdue and escalated to the unit above the handling unit. */
  escalated: 'complaints.complaint.escalated',
  /** A major (重大) complaint was received: head office is notified at once. */
  majorReported: 'complaints.complaint.major-reported',
  /** An evidence file was attached (payload: fileId, name, sha256, mimeType, size). */
  attachmentAdded: 'complaints.complaint.attachment-added',
} as const;

export const COMPLAINTS_SERVICE = 'complaints';
