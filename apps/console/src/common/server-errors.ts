import type { ErrorDetail } from '../types';
import { i18nProvider } from '../i18n/i18n-provider';

/**
 * Server validation details in the UI language. Each detail names the class-validator
 * constraint that failed (`isIn`, `matches`, `isNotEmpty` …); a known constraint becomes our
 * own message with the field's label, an unknown one (or a domain rule such as the ID
 * check digit, which names none) keeps the server's text.
 */
const CONSTRAINT_KEYS: Record<string, string> = {
  isNotEmpty: 'xb.server_validation.required',
  isDefined: 'xb.server_validation.required',
  arrayNotEmpty: 'xb.server_validation.required',
  isIn: 'xb.server_validation.choice',
  isEnum: 'xb.server_validation.choice',
  isUuid: 'xb.server_validation.choice',
  matches: 'xb.server_validation.format',
  isLength: 'xb.server_validation.length',
  length: 'xb.server_validation.length',
  minLength: 'xb.server_validation.too_short',
  maxLength: 'xb.server_validation.too_long',
  isString: 'xb.server_validation.text',
  isIso8601: 'xb.server_validation.date',
  isDateString: 'xb.server_validation.date',
  isInt: 'xb.server_validation.number',
  isNumber: 'xb.server_validation.number',
  min: 'xb.server_validation.too_small',
  max: 'xb.server_validation.too_large',
  isBoolean: 'xb.server_validation.boolean',
  isArray: 'xb.server_validation.list',
  arrayMinSize: 'xb.server_validation.list_too_short',
  arrayMaxSize: 'xb.server_validation.list_too_long',
  whitelistValidation: 'xb.server_validation.unknown_field',
  // The shared list parser (contracts/common/list-query.ts).
  isJson: 'xb.server_validation.json',
  isObject: 'xb.server_validation.json',
  oneOrMany: 'xb.server_validation.one_or_many',
  isRange: 'xb.server_validation.range',
  maxRows: 'xb.server_validation.range',
  isSort: 'xb.server_validation.sort',
};

/** Where a field says more than the generic text: `field.constraint` or `field.*`. */
const FIELD_KEYS: Record<string, string> = {
  'customerPhone.matches': 'xb.validation.phone',
  'customerIdNumber.matches': 'xb.validation.id_number',
  'username.matches': 'xb.validation.username',
  'password.matches': 'xb.validation.password',
  'code.matches': 'xb.validation.code',
  'compensationAmount.isNumber': 'xb.validation.money',
  'externalRef.isString': 'xb.complaints.external_ref_helper',
  'externalRef.isLength': 'xb.complaints.external_ref_helper',
};

/** The message key for a detail, or null when only the server's text will do. */
export function messageKeyOf(detail: Pick<ErrorDetail, 'field' | 'constraint'>): string | null {
  if (!detail.constraint) return null;
  const leaf = detail.field.split('.').pop() ?? detail.field;
  return FIELD_KEYS[`${leaf}.${detail.constraint}`] ?? FIELD_KEYS[`${leaf}.*`] ?? CONSTRAINT_KEYS[detail.constraint] ?? null;
}

type Translate = (key: string, options?: Record<string, unknown>) => string;

/** `complaints`, `customerPhone` → "联系电话" (the field name itself when there is no label). */
export function fieldLabel(translate: Translate, resource: string, field: string): string {
  const leaf = field.split('.')[0];
  return translate(`resources.${resource}.fields.${leaf}`, { _: field });
}

/** A detail as text in the current language (for tables and alerts). */
export function translateDetail(translate: Translate, detail: ErrorDetail, resource: string): string {
  const key = messageKeyOf(detail);
  if (!key) return detail.message;
  return translate(key, { field: fieldLabel(translate, resource, detail.field), _: detail.message });
}

/** react-admin's own marker for a validation message with arguments, translated where it is shown. */
const RA_MESSAGE_PREFIX = '@@react-admin@@';

/**
 * A detail as a form error message: react-admin's ValidationError translates the key
 * when it renders, the `_` argument falling back to the server's text. The field label is
 * resolved now, in the language of the moment.
 */
export function localiseDetail(detail: ErrorDetail, resource: string): string {
  const key = messageKeyOf(detail);
  if (!key) return detail.message;
  const translate: Translate = (k, options) => i18nProvider.translate(k, options);
  return RA_MESSAGE_PREFIX + JSON.stringify({ message: key, args: { field: fieldLabel(translate, resource, detail.field), _: detail.message } });
}
