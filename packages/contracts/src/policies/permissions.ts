/**
 * Permissions of the policies module 制度与应急预案. Decorator-free: the gateway guard, the
 * policies service and the console all read these rows through `@xb/contracts/permissions`.
 *
 * Policies are bank-wide documents: admins of 消保办 write and publish them, auditors read
 * every version and sign off, and everyone else reads the published versions of documents
 * whose audience they belong to (the service filters by audience, so the rows below say
 * "every role" for reading). Whether one user may act on one version also depends on its
 * state and authorship (the author never approves): the service answers that as
 * `availableActions` on each record.
 */
import { bankWide, consoleOnly, EVERY_ROLE, type ModulePermissions } from '../permissions/rule.js';

const everyone = bankWide(...EVERY_ROLE);
const writers = bankWide('admin');
const overseers = bankWide('admin', 'auditor');

export const POLICIES_PERMISSIONS = {
  /** 制度文件: the register. Staff see published documents of their audience only. */
  'policy-documents': {
    list: everyone,
    show: everyone,
    create: writers,
    edit: writers,
    /** "Reviewed, no change" 定期评估无修订. */
    review: writers,
  },
  /** 制度版本: drafts and history are for admins and auditors; staff read published ones of their audience. */
  'policy-versions': {
    list: everyone,
    show: everyone,
    create: writers,
    edit: writers,
    submit: writers,
    /** A verdict (approve / request changes) naming the version's hash; never by its author. */
    'sign-off': overseers,
    publish: writers,
    retire: writers,
    /** 审计发现 on a published version. */
    finding: bankWide('auditor'),
    diff: everyone,
  },
  /** 阅知确认. */
  'policy-acknowledgements': {
    /** My reading list and acknowledging a version I am in the audience of. */
    create: everyone,
    list: everyone,
    /** Rates per unit and the unread list. */
    rates: overseers,
  },
  /** 评审到期看板. */
  'policy-review-board': { list: overseers },
  /** 演练. */
  drills: {
    list: overseers,
    show: overseers,
    create: writers,
    edit: writers,
    board: consoleOnly(overseers),
  },
  /** 突发事件. */
  incidents: {
    list: overseers,
    show: overseers,
    activate: writers,
    edit: writers,
    close: writers,
  },
} as const satisfies ModulePermissions;
