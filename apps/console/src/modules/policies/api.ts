import { API_URL, apiClient } from '../../providers/http-client';

/** A JSON call to the gateway's policies routes (actions outside react-admin's CRUD). */
export async function policiesApi<T>(method: 'GET' | 'POST', path: string, body?: object): Promise<T> {
  const { json } = await apiClient(`${API_URL}${path}`, { method, ...(body ? { body: JSON.stringify(body) } : {}) });
  return json as T;
}

export const DOCUMENT_KINDS = ['policy', 'rule', 'code_of_conduct', 'emergency_plan', 'notice'] as const;
export const VERSION_STATUSES = ['draft', 'in_review', 'returned', 'approved', 'published', 'superseded', 'retired'] as const;
export const PLAN_BUSINESS_TYPES = ['wealth_management', 'information_system', 'mass_complaint', 'public_opinion', 'business_interruption', 'personal_info_leak', 'general'] as const;
export const ROLE_CHOICES = ['admin', 'handler', 'trainer', 'inspector', 'auditor', 'staff'] as const;

/** react-admin choices whose names are translation keys under `xb.policies.<group>.<id>`. */
export const choicesOf = (group: string, ids: readonly string[]) => ids.map((id) => ({ id, name: `xb.policies.${group}.${id}` }));
