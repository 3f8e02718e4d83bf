/**
 * Regenerates the client's types from the gateway's OpenAPI document: the gateway writes the
 * document without a database or NATS (`apps/gateway/dist/openapi/emit.js`, Nest preview mode),
 * openapi-typescript turns it into `src/generated/schema.ts`. Runs on every build, so a change
 * to a response type in the contracts reaches every typed caller before it type-checks.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';

const here = (p) => fileURLToPath(new URL(`../${p}`, import.meta.url));
mkdirSync(here('dist'), { recursive: true });
mkdirSync(here('src/generated'), { recursive: true });
const docPath = here('dist/openapi.json');
execFileSync(process.execPath, [fileURLToPath(new URL('../../../apps/gateway/dist/openapi/emit.js', import.meta.url)), docPath], { stdio: 'inherit' });

const ast = await openapiTS(JSON.parse(readFileSync(docPath, 'utf8')), { alphabetize: true });
writeFileSync(
  here('src/generated/schema.ts'),
  `/* Generated from the gateway's OpenAPI document by scripts/generate.mjs (openapi-typescript); do not edit. */\n${astToString(ast)}`,
);
console.log('api-client: src/generated/schema.ts written');
