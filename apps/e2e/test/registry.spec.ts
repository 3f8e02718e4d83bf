/**
 * The service registry (packages/contracts/src/registry.ts) against the deployment files
 * that cannot read it: infra/docker-compose.yml and infra/k8s/. A service added to one and
 * not the other fails here, and so does a deployed app the registry does not know.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { GATEWAY_APP, SERVICE_REGISTRY } from '@xb/contracts/registry';
import { parse, parseAllDocuments } from 'yaml';
import { REPO_ROOT } from '../src/stack.js';

interface ComposeService {
  command?: string[];
  environment?: Record<string, string>;
  depends_on?: Record<string, unknown>;
}
interface K8sContainer {
  name: string;
  command?: string[];
  envFrom?: { secretRef?: { name: string } }[];
}
interface K8sDoc {
  kind: string;
  metadata: { name: string };
  spec?: { template?: { spec?: { containers?: K8sContainer[]; initContainers?: K8sContainer[] } } };
}

const compose = parse(readFileSync(join(REPO_ROOT, 'infra/docker-compose.yml'), 'utf8'), { merge: true }) as { services: Record<string, ComposeService> };
const k8sDir = join(REPO_ROOT, 'infra/k8s');
const k8s: K8sDoc[] = readdirSync(k8sDir)
  .filter((f) => f.endsWith('.yaml') || f.endsWith('.yml'))
  .flatMap((f) => parseAllDocuments(readFileSync(join(k8sDir, f), 'utf8')).map((d) => d.toJS() as K8sDoc))
  .filter(Boolean);
const deployments = k8s.filter((d) => d.kind === 'Deployment');

const runs = (command: string[] | undefined, file: string) => (command ?? []).join(' ') === `node ${file}`;
const appOf = (command: string[] | undefined) => /^node apps\/([^/]+)\/dist\/main\.js$/.exec((command ?? []).join(' '))?.[1];
const known = new Set([GATEWAY_APP.app, ...SERVICE_REGISTRY.map((s) => s.app)]);

describe('the service registry', () => {
  it('names each service, app folder and database once, and each app folder has a main, a migration runner and its seed', () => {
    for (const key of ['name', 'app', 'database'] as const) {
      expect(new Set(SERVICE_REGISTRY.map((s) => s[key])).size).toBe(SERVICE_REGISTRY.length);
    }
    for (const s of SERVICE_REGISTRY) {
      expect(s.name).toMatch(/^[a-z][a-z0-9-]*$/);
      expect(s.database).toMatch(/^xb_[a-z0-9_]+$/);
      const src = join(REPO_ROOT, 'apps', s.app, 'src');
      expect({ app: s.app, main: existsSync(join(src, 'main.ts')), migrate: existsSync(join(src, 'database/migrate.ts')) }).toEqual({ app: s.app, main: true, migrate: true });
      if (s.demoSeed) expect(existsSync(join(REPO_ROOT, 'apps', s.app, s.demoSeed.script.replace(/^dist\//, 'src/').replace(/\.js$/, '.ts')))).toBe(true);
    }
  });

  describe('infra/docker-compose.yml', () => {
    it.each(SERVICE_REGISTRY.map((s) => [s.name, s] as const))('runs %s with its migration first, on its own database, with the variables it needs', (_name, s) => {
      const service = compose.services[s.app];
      expect(service).toBeDefined();
      expect(runs(service.command, `apps/${s.app}/dist/main.js`)).toBe(true);
      expect(service.environment?.DATABASE_URL).toMatch(new RegExp(`/${s.database}$`));
      for (const variable of Object.keys(s.secrets ?? {})) expect(Object.keys(service.environment ?? {})).toContain(variable);
      const migrate = compose.services[`${s.name}-migrate`];
      expect(migrate).toBeDefined();
      expect(runs(migrate.command, `apps/${s.app}/dist/database/migrate.js`)).toBe(true);
      expect(migrate.environment?.DATABASE_URL).toBe(service.environment?.DATABASE_URL);
      expect(Object.keys(service.depends_on ?? {})).toContain(`${s.name}-migrate`);
    });

    it('runs no app the registry does not know, and the gateway pings every registered service', () => {
      const apps = Object.values(compose.services).map((svc) => appOf(svc.command)).filter((a): a is string => !!a);
      expect(apps.filter((a) => !known.has(a))).toEqual([]);
      const gatewayServices = compose.services[GATEWAY_APP.app]?.environment?.SERVICES;
      // Absent means "the registry" (the gateway's default); a list must be the registry's.
      if (gatewayServices !== undefined) expect(gatewayServices.split(',').sort()).toEqual(SERVICE_REGISTRY.map((s) => s.name).sort());
    });
  });

  describe('infra/k8s', () => {
    it.each(SERVICE_REGISTRY.map((s) => [s.name, s] as const))('deploys %s with its migration as an init container and its own secret', (_name, s) => {
      const deployment = deployments.find((d) => d.metadata.name === s.app);
      expect(deployment).toBeDefined();
      const pod = deployment!.spec?.template?.spec;
      expect(pod?.containers?.some((c) => runs(c.command, `apps/${s.app}/dist/main.js`))).toBe(true);
      expect(pod?.initContainers?.some((c) => runs(c.command, `apps/${s.app}/dist/database/migrate.js`))).toBe(true);
      for (const c of [...(pod?.containers ?? []), ...(pod?.initContainers ?? [])]) {
        expect(c.envFrom?.map((e) => e.secretRef?.name)).toContain(s.app);
      }
    });

    it('deploys no app the registry does not know', () => {
      const apps = deployments.flatMap((d) => (d.spec?.template?.spec?.containers ?? []).map((c) => appOf(c.command))).filter((a): a is string => !!a);
      expect(apps.filter((a) => !known.has(a))).toEqual([]);
      expect(apps).toEqual(expect.arrayContaining([...known]));
    });
  });

  it('infra/scripts/start.mjs lists no service of its own (it reads the registry)', () => {
    const script = readFileSync(join(REPO_ROOT, 'infra/scripts/start.mjs'), 'utf8');
    for (const s of SERVICE_REGISTRY) expect(script).not.toContain(s.app);
    expect(script).toContain('packages/contracts/dist/registry.js');
  });
});
