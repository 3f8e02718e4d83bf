/**
 * The registry of services: one line per service behind the gateway. Decorator-free and
 * dependency-free, so plain Node scripts (`infra/scripts/start.mjs`) can import the built
 * file. Read by the start script (databases, migrations, processes, demo seeds), the e2e
 * stack, the gateway's health check, and checked against infra/docker-compose.yml and
 * infra/k8s/ by a test (apps/e2e/test/registry.spec.ts). Adding a service = adding a line.
 */

/** How a dev/test secret is made when the environment does not give one. */
export type SecretRecipe = { kind: 'base64'; bytes: number } | { kind: 'hex'; bytes: number };

export interface ServiceRegistration {
  /** Message prefix (`<name>.<aggregate>.<verb>`), queue group `<name>-service`, health pattern. */
  name: string;
  /** Folder under `apps/`: runs `dist/main.js`, migrates with `dist/database/migrate.js`. */
  app: string;
  /** Its own PostgreSQL database (`npm start`, compose and k8s use this name). */
  database: string;
  /**
   * Variables it needs beyond the common ones (DATABASE_URL, NATS_URL, LOG_LEVEL …), with
   * how the start script and the test stack generate a value when none is given.
   */
  secrets?: Record<string, SecretRecipe>;
  /**
   * Demo data it loads itself after the gateway seed (gets DEMO_DIRECTORY_FILE, the org
   * units and users the gateway seed wrote). `countVariable` sets how many records.
   */
  demoSeed?: { script: string; countVariable?: string; defaultCount?: number };
}

export const SERVICE_REGISTRY: readonly ServiceRegistration[] = [
  {
    name: 'complaints',
    app: 'complaints-service',
    database: 'xb_complaints',
    secrets: { PII_ENCRYPTION_KEY: { kind: 'base64', bytes: 32 }, PII_HASH_KEY: { kind: 'hex', bytes: 24 } },
    demoSeed: { script: 'dist/seed/load-demo.js', countVariable: 'DEMO_COMPLAINTS', defaultCount: 50 },
  },
  { name: 'policies', app: 'policies-service', database: 'xb_policies', demoSeed: { script: 'dist/seed/load-demo.js', countVariable: 'DEMO_POLICIES', defaultCount: 6 } },
  {
    name: 'training',
    app: 'training-service',
    database: 'xb_training',
    demoSeed: { script: 'dist/seed/load-demo.js', countVariable: 'DEMO_TRAINING', defaultCount: 120 },
  },
  { name: 'inspections', app: 'inspections-service', database: 'xb_inspections', demoSeed: { script: 'dist/seed/load-demo.js', countVariable: 'DEMO_INSPECTIONS', defaultCount: 2 } },
  { name: 'campaigns', app: 'campaigns-service', database: 'xb_campaigns', demoSeed: { script: 'dist/seed/load-demo.js', countVariable: 'DEMO_CAMPAIGNS', defaultCount: 3 } },
  // new-service: registry lines go above this one
];

/** The gateway is not a registered service (it is the one every service sits behind), but tools need its folder and database too. */
export const GATEWAY_APP = { app: 'gateway', database: 'xb_gateway' } as const;

export const registeredServiceNames = (): string[] => SERVICE_REGISTRY.map((s) => s.name);

export function registeredService(name: string): ServiceRegistration {
  const found = SERVICE_REGISTRY.find((s) => s.name === name);
  if (!found) throw new Error(`no service "${name}" in the registry (packages/contracts/src/registry.ts)`);
  return found;
}
