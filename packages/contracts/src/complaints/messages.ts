/** Request-reply patterns of the complaints service: `<service>.<aggregate>.<verb>`. */
export const COMPLAINT_PATTERNS = {
  create: 'complaints.complaint.create',
  list: 'complaints.complaint.list',
  get: 'complaints.complaint.get',
  revealPii: 'complaints.complaint.reveal-pii',
  codes: 'complaints.reference.codes',
} as const;

/** Durable domain events of the complaints service: `<service>.<aggregate>.<past-tense>`. */
export const COMPLAINT_EVENTS = {
  received: 'complaints.complaint.received',
  piiRevealed: 'complaints.complaint.pii-revealed',
} as const;

export const COMPLAINTS_SERVICE = 'complaints';
