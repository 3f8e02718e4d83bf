import simpleRestProvider from 'ra-data-simple-rest';
import type { DataProvider, Identifier } from 'react-admin';
import type { AuditChainVerification, ComplaintCodes, ComplaintPii } from '../types';
import { API_URL, httpClient } from './http-client';

/** The stock ra-data-simple-rest provider plus the few calls that are not CRUD. */
export interface XbDataProvider extends DataProvider {
  /** Coded lists (channels, business categories, causes, severities, statuses). */
  getComplaintCodes(): Promise<ComplaintCodes>;
  /** Clear customer details of one complaint. The server audits every call. */
  revealComplaintPii(id: Identifier): Promise<ComplaintPii>;
  /** Recomputes the audit log's hash chain on the server. */
  verifyAuditChain(): Promise<AuditChainVerification>;
}

const base = simpleRestProvider(API_URL, httpClient);

export const dataProvider: XbDataProvider = {
  ...base,

  async getComplaintCodes() {
    const { json } = await httpClient(`${API_URL}/reference/complaint-codes`);
    return json as ComplaintCodes;
  },

  async revealComplaintPii(id) {
    const { json } = await httpClient(`${API_URL}/complaints/${encodeURIComponent(String(id))}/pii`);
    return json as ComplaintPii;
  },

  async verifyAuditChain() {
    const { json } = await httpClient(`${API_URL}/audit-log/verify`);
    return json as AuditChainVerification;
  },
};
