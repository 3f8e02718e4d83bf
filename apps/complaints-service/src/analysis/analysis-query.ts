import { ANALYSIS_DIMENSIONS, ANALYSIS_MAX_SPAN_YEARS, ComplaintAnalysisQueryDto, type AnalysisDimension, type ErrorDetail } from '@xb/contracts';
import { badRequest, DomainError, validateDto } from '@xb/service-kit';
import { addDays, addMonths, parseDay } from './periods.js';

/** An analysis request after validation. */
export interface AnalysisRequest {
  from: string;
  to: string;
  groupBy: AnalysisDimension[];
  /** The unit whose subtree to analyse; its path and units come from the directory replica. */
  orgUnitId: string | null;
}

/**
 * Validates the analysis command: the DTO's rules (ISO days, groupBy whitelist, UUID) plus
 * what needs both ends (real calendar days, from ≤ to, at most 5 years), all reported
 * together in one 400 naming each field.
 */
export async function validateAnalysisCommand(data: unknown): Promise<AnalysisRequest> {
  const details: ErrorDetail[] = [];
  let dto: ComplaintAnalysisQueryDto | undefined;
  try {
    dto = await validateDto(ComplaintAnalysisQueryDto, data);
  } catch (err) {
    if (!(err instanceof DomainError) || !err.body.details?.length) throw err;
    details.push(...err.body.details);
  }
  const raw = data as Record<string, unknown>;
  const flagged = new Set(details.map((d) => d.field));
  const from = typeof raw.from === 'string' && !flagged.has('from') ? raw.from : undefined;
  const to = typeof raw.to === 'string' && !flagged.has('to') ? raw.to : undefined;
  if (from !== undefined && !parseDay(from)) details.push({ field: 'from', message: 'from is not a calendar day' });
  if (to !== undefined && !parseDay(to)) details.push({ field: 'to', message: 'to is not a calendar day' });
  if (from && to && parseDay(from) && parseDay(to)) {
    if (to < from) details.push({ field: 'to', message: 'to must not be before from' });
    else if (to > addDays(addMonths(from, ANALYSIS_MAX_SPAN_YEARS * 12), -1)) {
      details.push({ field: 'to', message: `the period may span at most ${ANALYSIS_MAX_SPAN_YEARS} years` });
    }
  }
  if (details.length || !dto) throw badRequest('Validation failed', details);
  return {
    from: dto.from,
    to: dto.to,
    groupBy: dto.groupBy?.length ? ANALYSIS_DIMENSIONS.filter((d) => dto.groupBy!.includes(d)) : [...ANALYSIS_DIMENSIONS],
    orgUnitId: dto.orgUnitId ?? null,
  };
}
