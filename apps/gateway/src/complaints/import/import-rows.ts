/**
 * Import rows → create commands: coded values may be given by key, statistical code or
 * Chinese label; `orgUnitCode` is resolved to the unit; each row is validated with the
 * create DTO's own rules. Pure apart from the unit lookup passed in.
 */
import {
  BUSINESS_CATEGORIES,
  CAUSES,
  CHANNELS,
  CreateComplaintDto,
  SEVERITIES,
  type CodedItem,
  type CreateComplaintCommand,
  type ImportColumn,
  type ImportRowError,
} from '@xb/contracts';
import { validationDetails } from '@xb/service-kit';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import type { RawImportRow } from './import-file.parser.js';

export interface ImportUnit {
  id: string;
  path: string;
  name: string;
}

/**
 * key, code (A03) or Chinese label (政府服务热线12345转办) → key; anything else passes through for
 * the validator to name. Labels compare by NFKC, so half- and full-width punctuation match
 * (本行客服热线(96677) and 本行客服热线（96677）).
 */
function codedKey(list: readonly CodedItem[], value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const v = value.trim();
  const width = v.normalize('NFKC');
  const hit = list.find((i) => i.key === v || i.code.toLowerCase() === v.toLowerCase() || i.zh.normalize('NFKC') === width || i.en.toLowerCase() === v.toLowerCase());
  return hit ? hit.key : v;
}

/** `2026-11-01`, `2026-11-01 10:00[:00]`, `2026/11/01 10:00` without a zone mean Beijing time. */
export function receivedAtOf(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const m = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(value.trim());
  if (!m) return value.trim();
  const [, y, mo, d, h = '0', mi = '0', s = '0'] = m;
  const pad = (n: string) => n.padStart(2, '0');
  return new Date(`${y}-${pad(mo)}-${pad(d)}T${pad(h)}:${pad(mi)}:${pad(s)}+08:00`).toISOString();
}

export interface ImportRowsResult {
  commands: CreateComplaintCommand[];
  errors: ImportRowError[];
}

/** Converts and validates every row; all errors of all rows are reported together. */
export async function toCreateCommands(rows: RawImportRow[], units: Map<string, ImportUnit>): Promise<ImportRowsResult> {
  const commands: CreateComplaintCommand[] = [];
  const errors: ImportRowError[] = [];
  for (const { row, values } of rows) {
    const v = (c: ImportColumn) => values[c];
    const code = v('orgUnitCode');
    const unit = code ? units.get(code) : undefined;
    const plain = {
      channel: codedKey(CHANNELS, v('channel')),
      businessCategory: codedKey(BUSINESS_CATEGORIES, v('businessCategory')),
      cause: codedKey(CAUSES, v('cause')),
      severity: codedKey(SEVERITIES, v('severity')),
      orgUnitId: unit?.id,
      receivedAt: receivedAtOf(v('receivedAt')),
      customerName: v('customerName'),
      customerPhone: v('customerPhone'),
      customerIdNumber: v('customerIdNumber')?.toUpperCase(),
      description: v('description'),
      demand: v('demand'),
      externalRef: v('externalRef'),
      namedStaffUserIds: v('namedStaffUserIds')?.split(/[;,，；\s]+/).filter(Boolean),
    };
    const dto = plainToInstance(CreateComplaintDto, Object.fromEntries(Object.entries(plain).filter(([, x]) => x !== undefined)));
    const rowErrors: ImportRowError[] = validationDetails(await validate(dto, { whitelist: true, forbidUnknownValues: false }))
      // The unit comes from orgUnitCode: report it there.
      .filter((d) => d.field !== 'orgUnitId')
      .map((d) => ({ row, field: d.field, message: d.message }));
    if (!code) rowErrors.unshift({ row, field: 'orgUnitCode', message: 'orgUnitCode is required' });
    else if (!unit) rowErrors.unshift({ row, field: 'orgUnitCode', message: `unknown org unit code "${code}"` });
    if (rowErrors.length) errors.push(...rowErrors);
    else commands.push({ ...(dto as CreateComplaintDto), orgUnitId: unit!.id });
  }
  return { commands, errors };
}
