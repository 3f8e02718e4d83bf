import type { InspectionAnalysis, InspectionView, PlanQuarterDto, PlanResult, RectificationView, TemplateView } from '@xb/contracts/inspections';
import { API_URL, fetchFile, httpClient, newIdempotencyKey } from '../../providers/http-client';

export type { InspectionAnalysis, InspectionView, RectificationView, TemplateView };

const call = async <T>(path: string, method = 'GET', body?: unknown): Promise<T> =>
  (await httpClient(`${API_URL}/${path}`, { method, ...(body === undefined ? {} : { body: JSON.stringify(body) }) })).json as T;

/** The inspections module's calls beyond react-admin's CRUD: workflow actions, the visit's answers, the analysis. */
export const inspectionsApi = {
  template: (id: string) => call<TemplateView>(`inspection-templates/${id}`),
  publish: (id: string) => call<TemplateView>(`inspection-templates/${id}/publish`, 'POST', {}),
  start: (id: string) => call<InspectionView>(`inspections/${id}/start`, 'POST', {}),
  saveAnswers: (id: string, answers: unknown[]) => call<InspectionView>(`inspections/${id}/answers`, 'PUT', { answers }),
  submit: (id: string, answers: unknown[], idempotencyKey: string, visitDate: string) =>
    call<InspectionView>(`inspections/${id}/submit`, 'POST', { idempotencyKey, visitDate, answers }),
  review: (id: string, body: { decision: 'accept' | 'return'; reason?: string; owners?: Record<string, string>; deadlines?: Record<string, string> }) =>
    call<InspectionView>(`inspections/${id}/review`, 'POST', body),
  reinspect: (id: string) => call<InspectionView>(`inspections/${id}/reinspect`, 'POST', {}),
  rectification: (id: string, action: 'fix' | 'verify' | 'reject', body: object = {}) => call<RectificationView>(`rectifications/${id}/${action}`, 'POST', body),
  quarterlyReport: (year: number, quarter: number, format: 'xlsx' | 'html') =>
    fetchFile(`${API_URL}/inspections/reports/quarterly?year=${year}&quarter=${quarter}&format=${format}`, `inspections-${year}-Q${quarter}.${format}`),
  /** The quarterly plan generator: `dryRun` proposes, otherwise creates the proposed visits. */
  plan: (body: PlanQuarterDto) => call<PlanResult>('inspections/plan', 'POST', body),
  analysis: (from: string, to: string, groupBy: 'outlet' | 'branch' | 'quarter') =>
    call<InspectionAnalysis>(`inspections/analysis?from=${from}&to=${to}&groupBy=${groupBy}`),
};

/** One submit key per visit, kept across reloads: a retried upload (flaky network, offline phone) reuses it. */
export function submitKeyOf(visitId: string): string {
  const name = `xb.inspections.submit.${visitId}`;
  let key = localStorage.getItem(name);
  if (!key) {
    key = newIdempotencyKey();
    localStorage.setItem(name, key);
  }
  return key;
}

/** Today in the bank's calendar (China Standard Time). */
export const bankToday = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

export const pct = (v: number | null | undefined) => (v === null || v === undefined ? '—' : `${v.toFixed(2)}%`);
