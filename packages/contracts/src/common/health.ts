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
