/**
 * The generator's refusals (the generation itself is proven end to end by
 * `npm run check:new-service`: generate in a scratch copy, build, test, registry test).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { REPO_ROOT } from '../src/stack.js';

const generate = (...args: string[]) => spawnSync(process.execPath, [join(REPO_ROOT, 'infra/scripts/new-service.mjs'), ...args], { encoding: 'utf8' });

describe('npm run new-service', () => {
  const registry = () => readFileSync(join(REPO_ROOT, 'packages/contracts/src/registry.ts'), 'utf8');
  const compose = () => readFileSync(join(REPO_ROOT, 'infra/docker-compose.yml'), 'utf8');

  it.each([
    [['complaints'], /"complaints" is already in the registry/],
    [['Bad-Name'], /usage: npm run new-service <name>/],
    [[], /usage: npm run new-service <name>/],
  ])('refuses %j with one line and writes nothing', (args, message) => {
    const before = [registry(), compose()];
    const res = generate(...args);
    expect(res.status).toBe(1);
    expect(res.stderr.trim().split('\n')).toHaveLength(1);
    expect(res.stderr).toMatch(message);
    expect([registry(), compose()]).toEqual(before);
    expect(existsSync(join(REPO_ROOT, 'apps/Bad-Name-service'))).toBe(false);
  });

  it('finds its markers exactly once in the registry and in docker-compose', () => {
    expect(registry().split('// new-service: registry lines go above this one')).toHaveLength(2);
    expect(compose().split('# new-service: services go above this line')).toHaveLength(2);
  });
});
