import simpleRestProvider from 'ra-data-simple-rest';
import type { DataProvider, GetListParams, GetManyParams, GetOneParams, Identifier } from 'react-admin';
import type {
  AttachmentView,
  AuditChainVerification,
  ComplaintAnalysis,
  ComplaintCodes,
  ComplaintPii,
  ComplaintTimelineEntryView,
  ComplaintView,
  ImportComplaintsResult,
  ReportFormat,
  StoredFileView,
  WorkflowAction,
} from '../types';
import { API_URL } from './api-url';
import { apiClient, fetchFile, httpClient, newIdempotencyKey, postForm, type DownloadedFile } from './http-client';

export type { DownloadedFile };

export interface AnalysisQuery {
  from: string;
  to: string;
  orgUnitId?: string;
}

export interface QuarterlyReportQuery {
  year: number;
  quarter: number;
  orgUnitId?: string;
  format: ReportFormat;
}

/** A file attached to a record, as a react-admin record (id = the file's id). */
export type AttachmentRecord = AttachmentView & { id: string };

/** A timeline step as a react-admin record (the API's entries have no id of their own). */
export type TimelineRecord = ComplaintTimelineEntryView & { id: number };

/** The stock ra-data-simple-rest provider plus the calls that are not CRUD. */
export interface XbDataProvider extends DataProvider {
  /** Coded lists (channels, business categories, causes, severities, statuses, outcomes …). */
  getComplaintCodes(): Promise<ComplaintCodes>;
  /** Clear customer details of one complaint. The server audits every call. */
  /** Clear customer data for a stated reason (查询事由), audited with it. */
  revealComplaintPii(id: Identifier, reason: string): Promise<ComplaintPii>;
  /** Recomputes the audit log's hash chain on the server. */
  verifyAuditChain(): Promise<AuditChainVerification>;
  /** `POST /api/complaints/:id/<action>`; answers the updated complaint. Pass one key per attempt the user means once. */
  complaintAction(id: Identifier, action: WorkflowAction, body: Record<string, unknown>, idempotencyKey?: string): Promise<ComplaintView>;
  /** The exact number of complaints a list filter matches (the list counts only up to LIST_COUNT_CAP). */
  countComplaints(filter: Record<string, unknown>): Promise<number>;
  getComplaintAnalysis(query: AnalysisQuery): Promise<ComplaintAnalysis>;
  downloadQuarterlyReport(query: QuarterlyReportQuery): Promise<DownloadedFile>;
  /** `POST /api/complaints/import` (multipart `file`); a refused file throws an HttpError whose body lists the rows. */
  importComplaints(file: File, dryRun: boolean, idempotencyKey?: string): Promise<ImportComplaintsResult>;
  downloadImportTemplate(): Promise<DownloadedFile>;
  /** `POST /api/files` (multipart `purpose`, `file`): stores an evidence file, to be attached within 24 hours. */
  uploadFile(purpose: string, file: File): Promise<StoredFileView>;
  /** `POST /api/<resource>/:id/attachments {fileId}`: attaches an uploaded file to a record. */
  attachFile(resource: string, recordId: Identifier, fileId: string): Promise<AttachmentView>;
  /** `GET /api/files/:id` (audited on the server) or its image thumbnail. */
  downloadFile(fileId: string, name: string): Promise<DownloadedFile>;
  fileThumbnail(fileId: string): Promise<Blob>;
}

const base = simpleRestProvider(API_URL, apiClient);

/**
 * Read-only lists served under `complaints/…`. Their records are complaints, so one
 * record (show, getMany) is read from `complaints`.
 */
const COMPLAINT_LISTS: Record<string, string> = {
  'complaint-queue': 'complaints/queue',
  'complaint-supervision': 'complaints/supervision',
};

/** `complaint-timeline` with `filter.complaintId`: the steps of one complaint, oldest first. */
const TIMELINE = 'complaint-timeline';
/** `attachments` with `filter.resource` and `filter.recordId`: the files attached to one record of any module. */
export const ATTACHMENTS = 'attachments';

const query = (params: Record<string, string | number | undefined>) =>
  new URLSearchParams(Object.entries(params).filter((e): e is [string, string | number] => e[1] !== undefined && e[1] !== '').map(([k, v]) => [k, String(v)])).toString();

export const dataProvider: XbDataProvider = {
  ...base,

  async getList(resource: string, params: GetListParams) {
    if (resource === TIMELINE) {
      const id = String(params.filter?.complaintId ?? '');
      const { json } = await httpClient(`${API_URL}/complaints/${encodeURIComponent(id)}/timeline`);
      const steps = (json as ComplaintTimelineEntryView[]).map((step, index) => ({ ...step, id: index }));
      return { data: steps as never[], total: steps.length };
    }
    if (resource === ATTACHMENTS) {
      const owner = encodeURIComponent(String(params.filter?.resource ?? ''));
      const { json } = await httpClient(`${API_URL}/${owner}/${encodeURIComponent(String(params.filter?.recordId ?? ''))}/attachments`);
      const files = (json as AttachmentView[]).map((f) => ({ ...f, id: f.fileId }));
      return { data: files as never[], total: files.length };
    }
    return base.getList(COMPLAINT_LISTS[resource] ?? resource, params);
  },

  async getOne(resource: string, params: GetOneParams) {
    return base.getOne(COMPLAINT_LISTS[resource] ? 'complaints' : resource, params);
  },

  async getMany(resource: string, params: GetManyParams) {
    return base.getMany(COMPLAINT_LISTS[resource] ? 'complaints' : resource, params);
  },

  async getComplaintCodes() {
    const { json } = await httpClient(`${API_URL}/reference/complaint-codes`);
    return json as ComplaintCodes;
  },

  async countComplaints(filter) {
    const { json } = await httpClient(`${API_URL}/complaints/count?${query({ filter: JSON.stringify(filter) })}`);
    return (json as { total: number }).total;
  },

  async revealComplaintPii(id, reason) {
    const { json } = await httpClient(`${API_URL}/complaints/${encodeURIComponent(String(id))}/pii`, { method: 'POST', body: JSON.stringify({ reason }) });
    return json as ComplaintPii;
  },

  async verifyAuditChain() {
    const { json } = await httpClient(`${API_URL}/audit-log/verify`);
    return json as AuditChainVerification;
  },

  async complaintAction(id, action, body, idempotencyKey = newIdempotencyKey()) {
    const { json } = await apiClient(`${API_URL}/complaints/${encodeURIComponent(String(id))}/${action}`, {
      method: 'POST',
      body: JSON.stringify(body),
      headers: new Headers({ 'Idempotency-Key': idempotencyKey }),
    });
    return json as ComplaintView;
  },

  async getComplaintAnalysis({ from, to, orgUnitId }) {
    const { json } = await httpClient(`${API_URL}/complaints/analysis?${query({ from, to, orgUnitId })}`);
    return json as ComplaintAnalysis;
  },

  async downloadQuarterlyReport({ year, quarter, orgUnitId, format }) {
    return fetchFile(
      `${API_URL}/complaints/reports/quarterly?${query({ year, quarter, orgUnitId, format })}`,
      `complaints-${year}-Q${quarter}.${format}`,
    );
  },

  async importComplaints(file, dryRun, idempotencyKey) {
    const form = new FormData();
    form.append('file', file, file.name);
    return postForm<ImportComplaintsResult>(`${API_URL}/complaints/import${dryRun ? '?dryRun=true' : ''}`, form, dryRun ? undefined : (idempotencyKey ?? newIdempotencyKey()));
  },

  async downloadImportTemplate() {
    return fetchFile(`${API_URL}/complaints/import/template`, 'complaints-import-template.xlsx');
  },

  async uploadFile(purpose, file) {
    const form = new FormData();
    form.append('purpose', purpose);
    form.append('file', file, file.name);
    return postForm<StoredFileView>(`${API_URL}/files`, form, newIdempotencyKey());
  },

  async attachFile(resource, recordId, fileId) {
    const { json } = await apiClient(`${API_URL}/${encodeURIComponent(resource)}/${encodeURIComponent(String(recordId))}/attachments`, {
      method: 'POST',
      body: JSON.stringify({ fileId }),
    });
    return json as AttachmentView;
  },

  async downloadFile(fileId, name) {
    return fetchFile(`${API_URL}/files/${encodeURIComponent(fileId)}`, name);
  },

  async fileThumbnail(fileId) {
    return (await fetchFile(`${API_URL}/files/${encodeURIComponent(fileId)}/thumbnail`, 'thumbnail.webp')).blob;
  },
};
