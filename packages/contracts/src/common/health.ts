export interface ComponentHealth {
  status: 'up' | 'down';
  latencyMs?: number;
  error?: string;
}

export interface ServiceHealth {
  service: string;
  status: 'up' | 'down';
  components: Record<string, ComponentHealth>;
}

/** Each service answers `<service>.health.ping` with a ServiceHealth. */
export const healthPattern = (service: string): string => `${service}.health.ping`;

/** `GET /api/health`: `up` only when every component is (503 otherwise). */
export interface HealthReport {
  status: 'up' | 'down';
  components: Record<string, ComponentHealth | ServiceHealth>;
}

/** What `up` and `down` mean, in both languages (the OpenAPI document labels the statuses with them). */
export const HEALTH_STATUS_LABELS: Record<HealthReport['status'], { zh: string; en: string }> = {
  up: { zh: '正常', en: 'Up' },
  down: { zh: '不可用', en: 'Down' },
};

/** Download formats of reports and templates. */
export const FILE_FORMAT_LABELS: Record<'xlsx' | 'html' | 'csv', { zh: string; en: string }> = {
  xlsx: { zh: 'Excel 工作簿', en: 'Excel workbook' },
  html: { zh: '可打印网页', en: 'Printable web page' },
  csv: { zh: 'CSV 文本', en: 'CSV text' },
};
