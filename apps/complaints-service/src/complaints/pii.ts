import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import { CUSTOMER_FIELD_LEVELS, PII_LEVEL_RULES, type CustomerField, type PiiLevel } from '@xb/contracts';

/**
 * Customer PII (name, phone, ID number), handled by its JR/T 0171-2020 level
 * (`CUSTOMER_FIELD_LEVELS`, `PII_LEVEL_RULES` in contracts): all three are C2 — encrypted at
 * rest, masked in every list/get response, revealed in clear only through the audited reveal —
 * and keyed by an HMAC so repeat complaints can be found without a clear value. No C3 field
 * (passwords, verification codes, biometrics) is ever stored.
 */

/** The column that holds each customer field, and the mask for it. */
export const CUSTOMER_FIELD_STORAGE: Record<CustomerField, { column: PiiField; mask: (value: string) => string }> = {
  customerName: { column: 'customer_name', mask: maskName },
  customerPhone: { column: 'customer_phone', mask: maskPhone },
  customerIdNumber: { column: 'customer_id_number', mask: maskIdNumber },
};

/** The level of a customer field and what it allows. */
export function customerFieldRule(field: CustomerField): { level: PiiLevel; stored: boolean; encrypted: boolean; masked: boolean; revealable: boolean } {
  const level = CUSTOMER_FIELD_LEVELS[field];
  return { level, ...PII_LEVEL_RULES[level] };
}

/**
 * The fields a reveal may return, by level: C2 fields that hold a value. The storage here
 * encrypts and masks every customer field, so a level that allows less (C3: not stored) or
 * asks for clear storage (C1) would not match it: refuse to start rather than mishandle it.
 */
export function revealableFields(present: Record<CustomerField, boolean>): CustomerField[] {
  return (Object.keys(CUSTOMER_FIELD_LEVELS) as CustomerField[]).filter((f) => present[f] && customerFieldRule(f).revealable);
}

for (const field of Object.keys(CUSTOMER_FIELD_LEVELS) as CustomerField[]) {
  const rule = customerFieldRule(field);
  if (!rule.stored || !rule.encrypted || !rule.masked) throw new Error(`Customer field ${field} is ${rule.level}: the complaint store encrypts and masks every customer field, which that level does not allow`);
}

const IV_BYTES = 12;
const TAG_BYTES = 16;

/** The PII columns; each is also the AES-GCM associated data, so a ciphertext cannot be moved to another column. */
export type PiiField = 'customer_name' | 'customer_phone' | 'customer_id_number';

/** AES-256-GCM with a random 12-byte IV per value, stored as `iv | tag | ciphertext`. */
export class PiiCipher {
  private readonly key: Buffer;

  constructor(base64Key: string) {
    this.key = Buffer.from(base64Key, 'base64');
    if (this.key.length !== 32) throw new Error('PII encryption key must be 32 bytes');
  }

  encrypt(field: PiiField, clear: string): Buffer {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(field));
    const body = Buffer.concat([cipher.update(clear, 'utf8'), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), body]);
  }

  /** Throws when the value was altered, written under another key, or belongs to another field. */
  decrypt(field: PiiField, stored: Buffer): string {
    if (stored.length < IV_BYTES + TAG_BYTES) throw new Error('PII ciphertext too short');
    const decipher = createDecipheriv('aes-256-gcm', this.key, stored.subarray(0, IV_BYTES));
    decipher.setAAD(Buffer.from(field));
    decipher.setAuthTag(stored.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    return Buffer.concat([decipher.update(stored.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
  }
}

/** 张三 → 张*, 欧阳娜娜 → 欧***. A one-character name is fully masked, so no name is ever shown whole. */
export function maskName(name: string): string {
  const chars = Array.from(name.trim());
  if (chars.length <= 1) return '*';
  return chars[0] + '*'.repeat(chars.length - 1);
}

/** Mobile 13812345678 → 138****5678; any other number keeps only its last 4 digits (separators stay). */
export function maskPhone(phone: string): string {
  const value = phone.trim();
  if (/^1\d{10}$/.test(value)) return `${value.slice(0, 3)}****${value.slice(7)}`;
  let digits = 0;
  return Array.from(value)
    .reverse()
    .map((ch) => (/\d/.test(ch) && ++digits > 4 ? '*' : ch))
    .reverse()
    .join('');
}

/** 110101199003071234 → 1101**********1234. */
export function maskIdNumber(idNumber: string): string {
  const value = idNumber.trim().toUpperCase();
  if (value.length <= 8) return '*'.repeat(value.length);
  return value.slice(0, 4) + '*'.repeat(value.length - 8) + value.slice(-4);
}

/**
 * The customer key: HMAC-SHA256 of the normalised ID number when there is one, else of
 * the phone digits; the prefix keeps an ID number and a phone from ever colliding.
 */
export function customerKey(hashKey: string, customer: { idNumber?: string | null; phone: string }): string {
  const basis = customer.idNumber ? `id:${customer.idNumber.trim().toUpperCase()}` : `tel:${customer.phone.replace(/\D/g, '')}`;
  return createHmac('sha256', hashKey).update(basis, 'utf8').digest('hex');
}

/** A customer as the intake receives it. */
export interface CustomerIdentity {
  name: string;
  phone: string;
  idNumber?: string | null;
}

/** The stored form of a customer: ciphertexts, masks and the HMAC key — never a clear value. */
export interface SealedCustomer {
  customerNameEnc: Buffer;
  customerPhoneEnc: Buffer;
  customerIdNumberEnc: Buffer | null;
  customerNameMasked: string;
  customerPhoneMasked: string;
  customerIdNumberMasked: string | null;
  customerKey: string;
}

const F = CUSTOMER_FIELD_STORAGE;

/** Seals customer PII for storage (encrypted and masked, as C2 requires) and opens it for an authorised, audited reveal. */
export class PiiVault {
  private readonly cipher: PiiCipher;

  constructor(
    encryptionKey: string,
    private readonly hashKey: string,
  ) {
    this.cipher = new PiiCipher(encryptionKey);
  }

  seal(customer: CustomerIdentity): SealedCustomer {
    const name = customer.name.trim();
    const phone = customer.phone.trim();
    const idNumber = customer.idNumber ? customer.idNumber.trim().toUpperCase() : null;
    return {
      customerNameEnc: this.cipher.encrypt(F.customerName.column, name),
      customerPhoneEnc: this.cipher.encrypt(F.customerPhone.column, phone),
      customerIdNumberEnc: idNumber ? this.cipher.encrypt(F.customerIdNumber.column, idNumber) : null,
      customerNameMasked: F.customerName.mask(name),
      customerPhoneMasked: F.customerPhone.mask(phone),
      customerIdNumberMasked: idNumber ? F.customerIdNumber.mask(idNumber) : null,
      customerKey: customerKey(this.hashKey, { idNumber, phone }),
    };
  }

  open(sealed: Pick<SealedCustomer, 'customerNameEnc' | 'customerPhoneEnc' | 'customerIdNumberEnc'>): Required<CustomerIdentity> {
    return {
      name: this.cipher.decrypt('customer_name', sealed.customerNameEnc),
      phone: this.cipher.decrypt('customer_phone', sealed.customerPhoneEnc),
      idNumber: sealed.customerIdNumberEnc ? this.cipher.decrypt('customer_id_number', sealed.customerIdNumberEnc) : null,
    };
  }
}
