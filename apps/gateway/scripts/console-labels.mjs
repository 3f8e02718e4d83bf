/**
 * Collects the console's zh/en labels of coded values (the maps like
 * `status: { draft: '草稿', … }` in apps/console/src/**\/messages-*.ts and i18n/domain-*.ts)
 * into dist/openapi/console-labels.json, so the OpenAPI document describes each enum value
 * with the very words the console shows (completeDocument in src/openapi/document.ts).
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const consoleSrc = fileURLToPath(new URL('../../console/src/', import.meta.url));
const out = fileURLToPath(new URL('../dist/openapi/console-labels.json', import.meta.url));

/** The exported objects of a messages file (type-only imports are erased). */
async function load(file) {
  const { outputText } = ts.transpileModule(readFileSync(file, 'utf8'), { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } });
  return Object.values(await import(`data:text/javascript;base64,${Buffer.from(outputText).toString('base64')}`));
}

const pairs = [];
for (const dir of readdirSync(join(consoleSrc, 'modules'))) {
  const zh = join(consoleSrc, 'modules', dir, 'messages-zh-cn.ts');
  const en = join(consoleSrc, 'modules', dir, 'messages-en.ts');
  if (existsSync(zh) && existsSync(en)) pairs.push([zh, en]);
}
pairs.push([join(consoleSrc, 'i18n/domain-zh-cn.ts'), join(consoleSrc, 'i18n/domain-en.ts')]);

const isLabelMap = (node) => node && typeof node === 'object' && !Array.isArray(node) && Object.keys(node).length > 0 && Object.values(node).every((v) => typeof v === 'string');
/** Labels, not help texts: short, without placeholders (a dialog's explanation per action is keyed like the actions are). */
const isLabelText = (v) => v.length <= 24 && !v.includes('%{');
const tables = [];
function walk(zh, en, path) {
  if (!zh || typeof zh !== 'object' || !en || typeof en !== 'object') return;
  if (isLabelMap(zh) && isLabelMap(en)) {
    if (!Object.values(zh).every(isLabelText)) return;
    // Message keys cannot hold a hyphen where the code has one (`marked_typical` for `marked-typical`): both spellings are offered.
    const labels = Object.fromEntries(
      Object.keys(zh)
        .filter((k) => typeof en[k] === 'string')
        .flatMap((k) => [[k, { zh: zh[k], en: en[k] }], ...(k.includes('_') ? [[k.replaceAll('_', '-'), { zh: zh[k], en: en[k] }]] : [])]),
    );
    if (Object.keys(labels).length) tables.push({ path: path.join('.'), labels });
    return;
  }
  for (const key of Object.keys(zh)) walk(zh[key], en[key], [...path, key]);
}
for (const [zhFile, enFile] of pairs) {
  const [zhObjects, enObjects] = [await load(zhFile), await load(enFile)];
  zhObjects.forEach((zh, i) => walk(zh, enObjects[i], []));
}
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, JSON.stringify(tables));
console.log(`console-labels: ${tables.length} label maps from ${pairs.length} message files`);
