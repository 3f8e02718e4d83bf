/**
 * Writes `dist/openapi-schemas.json`: an OpenAPI 3.0 schema for every exported, non-generic
 * interface and type alias of the contracts (the views the services answer with), generated
 * from the TypeScript declarations themselves with ts-json-schema-generator, so the document
 * cannot drift from the types. The gateway adds the ones its operations name to its document.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createGenerator } from 'ts-json-schema-generator';

const started = Date.now();
const sources = readdirSync('src', { recursive: true }).filter((f) => f.endsWith('.ts') && !f.endsWith('.spec.ts'));
const names = new Set();
for (const file of sources) {
  for (const m of readFileSync(join('src', file), 'utf8').matchAll(/^export (?:interface|type|class) (\w+)(<)?/gm)) if (!m[2]) names.add(m[1]);
}

const generator = createGenerator({
  path: 'src/**/*.ts',
  tsconfig: 'tsconfig.build.json',
  expose: 'export',
  topRef: false,
  jsDoc: 'extended',
  skipTypeCheck: true,
  additionalProperties: true,
});

const definitions = {};
const skipped = [];
for (const name of [...names].sort()) {
  try {
    const { definitions: defs = {}, $schema: _s, ...root } = generator.createSchema(name);
    Object.assign(definitions, defs);
    definitions[name] ??= root;
  } catch (err) {
    // Types that are not data (function signatures, mapped permission keys) have no JSON form.
    skipped.push(`${name}: ${String(err.message).split('\n')[0]}`);
  }
}

/** A component name OpenAPI accepts (`BreakdownLine<Channel>` → `BreakdownLine_Channel`). */
const componentName = (name) => decodeURIComponent(name).replace(/[<,]\s*/g, '_').replace(/>/g, '').replace(/[^A-Za-z0-9._-]/g, '_');

/** JSON Schema (draft 7, as generated) → OpenAPI 3.0 schema object. */
function toOas(schema) {
  if (Array.isArray(schema)) return schema.map(toOas);
  if (!schema || typeof schema !== 'object') return schema;
  const out = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === '$ref') out.$ref = `#/components/schemas/${componentName(value.replace('#/definitions/', ''))}`;
    else if (key === 'const') out.enum = [value];
    else if (key === 'properties' || key === 'patternProperties') out[key] = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toOas(v)]));
    else if (key === '$comment' || key === 'defaultProperties') continue;
    else out[key] = toOas(value);
  }
  if (Array.isArray(out.type)) {
    const types = out.type.filter((t) => t !== 'null');
    if (types.length < out.type.length) out.nullable = true;
    if (types.length === 1) out.type = types[0];
    else {
      delete out.type;
      out.anyOf = types.map((t) => ({ type: t }));
    }
  }
  for (const key of ['anyOf', 'oneOf']) {
    if (!out[key]) continue;
    const rest = out[key].filter((s) => s.type !== 'null');
    if (rest.length === out[key].length) continue;
    out.nullable = true;
    // OpenAPI 3.0 ignores siblings of $ref, so a nullable reference is allOf + nullable.
    if (rest.length === 1) {
      delete out[key];
      if (rest[0].$ref) out.allOf = [rest[0]];
      else Object.assign(out, rest[0], { nullable: true });
    } else out[key] = rest;
  }
  // An enum that allows null carries null among its values in 3.0.
  if (out.nullable && out.enum && !out.enum.includes(null)) out.enum.push(null);
  return out;
}

const schemas = Object.fromEntries(Object.entries(definitions).map(([name, s]) => [componentName(name), toOas(s)]));
writeFileSync('dist/openapi-schemas.json', JSON.stringify({ schemas, skipped }, null, 1));
console.log(`openapi-schemas: ${Object.keys(schemas).length} schemas from ${names.size} exported types in ${Date.now() - started} ms (${skipped.length} not data: ${skipped.map((s) => s.split(':')[0]).join(', ') || 'none'})`);
