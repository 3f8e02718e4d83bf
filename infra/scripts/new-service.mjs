#!/usr/bin/env node
/**
 * `npm run new-service <name>`: a new service from infra/service-template, ready to build and
 * test — health check (from the kit), one aggregate (`entry`: create/get, scoped, with its
 * event through the outbox), one migration, an RPC test on the kit's harness, an e2e test on
 * the platform stack — plus its registry line, its docker-compose services and its k8s
 * Deployment. See docs/adding-a-service.md for what comes next (gateway routes, console module).
 *
 *   node infra/scripts/new-service.mjs <name> [--root <repo>]   (name: lower-case letters and digits, e.g. "policies")
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const args = process.argv.slice(2);
const rootAt = args.indexOf('--root');
const root = rootAt >= 0 ? args.splice(rootAt, 2)[1] : join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const [name] = args;
const die = (msg) => {
  process.stderr.write(`new-service: ${msg}\n`);
  process.exit(1);
};

if (!name || !/^[a-z][a-z0-9]{1,30}$/.test(name)) die('usage: npm run new-service <name>   (lower-case letters and digits, e.g. "policies")');
const registryFile = join(root, 'packages/contracts/src/registry.ts');
const composeFile = join(root, 'infra/docker-compose.yml');
const registry = readFileSync(registryFile, 'utf8');
if (registry.includes(`name: '${name}'`)) die(`"${name}" is already in the registry`);
if (existsSync(join(root, 'apps', `${name}-service`))) die(`apps/${name}-service already exists`);

const REGISTRY_MARKER = '  // new-service: registry lines go above this one';
const COMPOSE_MARKER = '  # new-service: services go above this line';
const compose = readFileSync(composeFile, 'utf8');
const once = (text, marker) => text.split(marker).length === 2;
if (!once(registry, REGISTRY_MARKER)) die(`${relative(root, registryFile)} must hold the marker line "${REGISTRY_MARKER.trim()}" exactly once`);
if (!once(compose, COMPOSE_MARKER)) die(`${relative(root, composeFile)} must hold the marker line "${COMPOSE_MARKER.trim()}" exactly once`);

const words = {
  __name__: name,
  __Name__: name[0].toUpperCase() + name.slice(1),
  __NAME__: name.toUpperCase(),
  __db__: `xb_${name}`,
  __TS__: String(Date.now()),
};
const fill = (text) => Object.entries(words).reduce((t, [k, v]) => t.replaceAll(k, v), text);

const template = join(root, 'infra/service-template');
const written = [];
function copy(from, to) {
  for (const entry of readdirSync(from)) {
    const src = join(from, entry);
    if (src === join(template, 'infra/docker-compose.fragment.yml')) continue;
    const dest = join(to, fill(entry));
    if (statSync(src).isDirectory()) {
      copy(src, dest);
    } else {
      if (existsSync(dest)) die(`${relative(root, dest)} already exists`);
      mkdirSync(dirname(dest), { recursive: true });
      writeFileSync(dest, fill(readFileSync(src, 'utf8')));
      written.push(relative(root, dest));
    }
  }
}
copy(template, root);

const line = `  { name: '${name}', app: '${name}-service', database: '${words.__db__}' },\n`;
writeFileSync(registryFile, registry.replace(REGISTRY_MARKER, `${line}${REGISTRY_MARKER}`));
writeFileSync(composeFile, compose.replace(COMPOSE_MARKER, `${fill(readFileSync(join(template, 'infra/docker-compose.fragment.yml'), 'utf8'))}${COMPOSE_MARKER}`));

process.stdout.write(`new service "${name}":
  created   ${written.join('\n            ')}
  edited    ${relative(root, registryFile)} (registry line), ${relative(root, composeFile)} (migrate + service)

next: npm install (records the workspace in package-lock.json)
      npx turbo run build --filter=@xb/${name}-service...   and   npm test -w @xb/${name}-service
      then its gateway routes and console module: docs/adding-a-service.md
`);
