/**
 * The rules of a policy version, as pure functions: its hash, its sign-off progress against
 * the document's approval rule, and what a given reader may do with it now.
 */
import { createHash } from 'node:crypto';
import { hasAnyRole, isWithinPath, type Actor, type Role } from '@xb/contracts';
import type { ApprovalRequirement, AttachmentDto, PlanStructureDto, VersionAction, VersionStatus } from '@xb/contracts/policies';

/**
 * SHA-256 over what a reader signs for: the Markdown, the plan structure and each attachment's
 * id, name and file hash (in id order), each part length-prefixed so no two inputs collide.
 */
export function versionHash(content: string, attachments: readonly AttachmentDto[], plan: PlanStructureDto | null): string {
  const h = createHash('sha256');
  const part = (s: string) => {
    const b = Buffer.from(s, 'utf8');
    h.update(`${b.length}:`);
    h.update(b);
  };
  part(content);
  for (const a of [...attachments].sort((x, y) => x.fileId.localeCompare(y.fileId))) {
    part(a.fileId);
    part(a.name);
    part(a.sha256);
  }
  part(plan ? JSON.stringify(plan) : '');
  return h.digest('hex');
}

/** A sign-off already given: who, with which role of the rule, from where. */
export interface GivenSignOff {
  reviewerId: string;
  role: Role;
  /** Counted toward a requirement from the owning department. */
  ownerDepartment: boolean;
}

export interface SignOffLine {
  role: Role;
  ownerDepartment: boolean;
  needed: number;
  given: number;
}

/** How far the sign-offs go toward each requirement of the rule. */
export function signOffProgress(rule: readonly ApprovalRequirement[], given: readonly GivenSignOff[]): SignOffLine[] {
  return rule.map((r) => ({
    role: r.role,
    ownerDepartment: !!r.ownerDepartment,
    needed: r.count,
    given: given.filter((g) => g.role === r.role && g.ownerDepartment === !!r.ownerDepartment).length,
  }));
}

export const fullySignedOff = (lines: readonly SignOffLine[]): boolean => lines.every((l) => l.given >= l.needed);

/**
 * The requirement a new sign-off by `actor` fills: the first unfilled one whose role the actor
 * holds (and whose department condition it meets), or undefined when none is left for it.
 */
export function requirementFor(
  actor: Pick<Actor, 'roles' | 'orgPath'>,
  ownerPath: string | null,
  lines: readonly SignOffLine[],
): { role: Role; ownerDepartment: boolean } | undefined {
  const open = lines.filter((l) => l.given < l.needed && actor.roles.includes(l.role) && (!l.ownerDepartment || (ownerPath !== null && isWithinPath(actor.orgPath, ownerPath))));
  // A department requirement first: an auditor who also sits there should not use up the general seat.
  const line = open.find((l) => l.ownerDepartment) ?? open[0];
  return line && { role: line.role, ownerDepartment: line.ownerDepartment };
}

export interface VersionFacts {
  status: VersionStatus;
  authorId: string;
  requiresAck: boolean;
  /** The reader belongs to the document's audience. */
  inAudience: boolean;
  acknowledged: boolean;
  /** The reader has already given a verdict on this version. */
  reviewed: boolean;
  /** A sign-off the reader could give would fill a requirement. */
  canFillRequirement: boolean;
}

/** What the reader may do with the version now: state × role × authorship (the author never approves). */
export function availableVersionActions(actor: Pick<Actor, 'id' | 'roles'>, v: VersionFacts): VersionAction[] {
  const out: VersionAction[] = [];
  const admin = actor.roles.includes('admin');
  if (admin && v.status === 'draft') out.push('edit', 'submit');
  if (v.status === 'in_review' && hasAnyRole(actor, ['admin', 'auditor']) && actor.id !== v.authorId && !v.reviewed) {
    if (v.canFillRequirement) out.push('approve');
    out.push('request_changes');
  }
  if (admin && v.status === 'approved') out.push('publish');
  if (admin && v.status === 'published') out.push('retire');
  if (v.status === 'published' && v.requiresAck && v.inAudience && !v.acknowledged) out.push('acknowledge');
  if (v.status === 'published' && actor.roles.includes('auditor')) out.push('finding');
  return out;
}

/** Whether a member of staff with this unit path and these roles is in the audience (unit paths with their subtrees; empty roles: everyone). */
export function inAudience(orgPath: string, roles: readonly Role[], audiencePaths: readonly string[], audienceRoles: readonly Role[]): boolean {
  return audiencePaths.some((p) => isWithinPath(orgPath, p)) && (audienceRoles.length === 0 || roles.some((r) => audienceRoles.includes(r)));
}

/** The acknowledgement deadline: `days` after the basis version took effect. */
export const ackDueAt = (basisEffectiveFrom: Date, days: number): Date => new Date(basisEffectiveFrom.getTime() + days * 86_400_000);

/** `months` calendar months after `from` (the day clamped to the month's end: 31 Jan + 1 → 28/29 Feb). */
export function addMonths(from: Date, months: number): Date {
  const d = new Date(from.getTime());
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() + months);
  const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, last));
  return d;
}
