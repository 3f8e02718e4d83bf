import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Actor } from '@xb/contracts';
import { AcknowledgeDto, POLICIES_EVENTS, type AckRates, type AcknowledgementTask, type AcknowledgementView, type CancelledAcknowledgements } from '@xb/contracts/policies';
import { appendEvent, conflict, forbidden, notFound, OutboxRelay, validateDto } from '@xb/service-kit';
import { IsUUID } from 'class-validator';
import { DataSource } from 'typeorm';
import { AcknowledgementsRepository } from './acknowledgements.repository.js';
import { assertPermitted } from './policy-access.js';
import { PoliciesRepository } from './policies.repository.js';
import { ackDueAt, inAudience } from './version-rules.js';

class VersionIdInput {
  @IsUUID()
  id: string;
}
class RatesInput {
  @IsUUID()
  documentId: string;
}

/** 阅知确认: acknowledging the exact version (by hash), my reading list, and live rates by unit. */
@Injectable()
export class AcknowledgementsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly repo: PoliciesRepository,
    private readonly acks: AcknowledgementsRepository,
    private readonly relay: OutboxRelay,
  ) {}

  /**
   * Records that the actor read the published version with this hash. The acknowledgement
   * counts for its basis (the latest material version), so a non-material successor keeps it
   * and a material one asks again. Acknowledging twice answers the standing one; after the
   * deadline it is marked late.
   */
  async acknowledge(actor: Actor, data: unknown): Promise<AcknowledgementView> {
    assertPermitted(actor, 'policy-acknowledgements', 'create');
    const { id } = await validateDto(VersionIdInput, data);
    const { contentHash } = await validateDto(AcknowledgeDto, { ...(data as object), id: undefined });
    const v = await this.repo.version(id);
    const doc = v && (await this.repo.document(v.document_id));
    if (!v || !doc) throw notFound('Version');
    const member = inAudience(actor.orgPath, actor.roles, doc.audience_paths, doc.audience_roles);
    if (!member) {
      if (v.status !== 'published') throw notFound('Version');
      throw forbidden('You are not in the audience of this document');
    }
    if (v.status !== 'published') throw v.status === 'superseded' || v.status === 'retired' ? conflict(`Version ${v.number} is no longer in force`) : notFound('Version');
    if (!doc.requires_ack) throw conflict('This document does not ask for acknowledgement');
    if (contentHash !== v.content_hash) throw conflict('The hash you read is not the hash of this version');
    const basis = (await this.repo.version(v.ack_basis_id!))!;
    const at = new Date();
    const late = at.getTime() > ackDueAt(basis.effective_from!, doc.ack_within_days).getTime();
    const result = await this.ds.transaction(async (m) => {
      const ack = await this.acks.record(m, { id: randomUUID(), documentId: doc.id, versionId: v.id, basisId: basis.id, userId: actor.id, contentHash, at, late });
      if (ack.created) {
        await appendEvent(m, {
          name: POLICIES_EVENTS.acknowledgementRecorded,
          actor: { id: actor.id, username: actor.username, orgUnitId: actor.orgUnitId },
          aggregateType: 'policy-version',
          aggregateId: v.id,
          orgPath: actor.orgPath,
          payload: { documentId: doc.id, versionId: v.id, contentHash, late },
        });
      }
      return ack;
    });
    if (result.created) this.relay.kick();
    return { id: result.id, versionId: result.version_id, userId: actor.id, contentHash: result.content_hash, at: result.at.toISOString(), late: result.late };
  }

  async tasks(actor: Actor): Promise<AcknowledgementTask[]> {
    assertPermitted(actor, 'policy-acknowledgements', 'list');
    return this.acks.tasks(actor.id, actor.orgPath, actor.roles);
  }

  async rates(actor: Actor, data: unknown): Promise<AckRates> {
    assertPermitted(actor, 'policy-acknowledgements', 'rates');
    const { documentId } = await validateDto(RatesInput, data);
    const doc = await this.repo.document(documentId);
    if (!doc) throw notFound('Document');
    const current = doc.current_version_id ? await this.repo.version(doc.current_version_id) : undefined;
    return { documentId, versionId: current?.id ?? null, ...(await this.acks.rates(documentId, current?.ack_basis_id ?? null)) };
  }

  /** The cancelled tasks of a version (left the audience, superseded, retired, no longer required): who, why, when. */
  async cancellations(actor: Actor, data: unknown): Promise<CancelledAcknowledgements> {
    assertPermitted(actor, 'policy-acknowledgements', 'rates');
    const { id } = await validateDto(VersionIdInput, data);
    if (!(await this.repo.version(id))) throw notFound('Version');
    return { versionId: id, ...(await this.acks.cancellations(id)) };
  }
}
