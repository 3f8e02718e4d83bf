import { describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { CUSTOMER_FIELD_LEVELS, PII_LEVEL_RULES } from '@xb/contracts';
import { CUSTOMER_FIELD_STORAGE, customerFieldRule, customerKey, maskIdNumber, maskName, maskPhone, PiiCipher, PiiVault, revealableFields } from './pii.js';

const key = randomBytes(32).toString('base64');

describe('masking', () => {
  it.each([
    ['张三', '张*'],
    ['欧阳娜娜', '欧***'],
    ['李', '*'],
    ['𠀀二三', '𠀀**'],
  ])('masks the name %s as %s', (name, masked) => {
    expect(maskName(name)).toBe(masked);
  });

  it.each([
    ['13812345678', '138****5678'],
    ['010-12345678', '***-****5678'],
    ['02112345678', '*******5678'],
    ['95588', '*5588'],
  ])('masks the phone %s as %s', (phone, masked) => {
    expect(maskPhone(phone)).toBe(masked);
  });

  it('masks an ID number to its first and last four characters', () => {
    expect(maskIdNumber('110101199003071234')).toBe('1101**********1234');
    expect(maskIdNumber('11010119900307123x')).toBe('1101**********123X');
  });
});

describe('PII encryption (AES-256-GCM)', () => {
  const cipher = new PiiCipher(key);

  it('round-trips and never repeats a ciphertext', () => {
    const a = cipher.encrypt('customer_name', '欧阳娜娜');
    const b = cipher.encrypt('customer_name', '欧阳娜娜');
    expect(a.equals(b)).toBe(false);
    expect(a.length).toBe(12 + 16 + Buffer.byteLength('欧阳娜娜'));
    expect(a.includes(Buffer.from('欧阳娜娜'))).toBe(false);
    expect(cipher.decrypt('customer_name', a)).toBe('欧阳娜娜');
  });

  it('detects tampering with the ciphertext, the tag or the IV', () => {
    const sealed = cipher.encrypt('customer_phone', '13812345678');
    for (const at of [0, 12, sealed.length - 1]) {
      const bad = Buffer.from(sealed);
      bad[at] ^= 0x01;
      expect(() => cipher.decrypt('customer_phone', bad)).toThrow();
    }
  });

  it('refuses a ciphertext moved to another column or read with another key', () => {
    const sealed = cipher.encrypt('customer_phone', '13812345678');
    expect(() => cipher.decrypt('customer_name', sealed)).toThrow();
    expect(() => new PiiCipher(randomBytes(32).toString('base64')).decrypt('customer_phone', sealed)).toThrow();
  });

  it('rejects a key that is not 32 bytes', () => {
    expect(() => new PiiCipher(randomBytes(16).toString('base64'))).toThrow(/32 bytes/);
  });
});

describe('customer key', () => {
  it('is an HMAC of the ID number when present, else of the phone digits', () => {
    const k = customerKey('a-long-enough-hash-key', { idNumber: '11010119900307123x', phone: '13812345678' });
    expect(k).toMatch(/^[0-9a-f]{64}$/);
    expect(customerKey('a-long-enough-hash-key', { idNumber: '11010119900307123X', phone: '13900000000' })).toBe(k);
    expect(customerKey('another-hash-key-0000', { idNumber: '11010119900307123X', phone: '13812345678' })).not.toBe(k);
    expect(customerKey('a-long-enough-hash-key', { phone: '010-12345678' })).toBe(customerKey('a-long-enough-hash-key', { phone: '01012345678' }));
  });
});

describe('PiiVault', () => {
  it('seals a customer into ciphertexts, masks and a key, and opens it again', () => {
    const vault = new PiiVault(key, 'a-long-enough-hash-key');
    const sealed = vault.seal({ name: '张三', phone: '13812345678', idNumber: '11010119900307123x' });
    expect(sealed).toMatchObject({
      customerNameMasked: '张*',
      customerPhoneMasked: '138****5678',
      customerIdNumberMasked: '1101**********123X',
    });
    expect(vault.open(sealed)).toEqual({ name: '张三', phone: '13812345678', idNumber: '11010119900307123X' });
    expect(vault.seal({ name: '张三', phone: '13812345678' }).customerIdNumberEnc).toBeNull();
  });
});

describe('personal-information levels (JR/T 0171-2020)', () => {
  it('classifies every customer field, stores none of C3, and encrypts and masks every stored customer field (C2)', () => {
    expect(Object.keys(CUSTOMER_FIELD_LEVELS).sort()).toEqual(Object.keys(CUSTOMER_FIELD_STORAGE).sort());
    expect(CUSTOMER_FIELD_LEVELS).toEqual({ customerName: 'C2', customerPhone: 'C2', customerIdNumber: 'C2' });
    expect(PII_LEVEL_RULES.C3).toMatchObject({ stored: false, revealable: false });
    expect(PII_LEVEL_RULES.C2).toEqual({ stored: true, encrypted: true, masked: true, revealable: true });
    expect(PII_LEVEL_RULES.C1).toMatchObject({ masked: false, revealable: false });
    for (const field of Object.keys(CUSTOMER_FIELD_LEVELS) as (keyof typeof CUSTOMER_FIELD_LEVELS)[]) {
      expect(customerFieldRule(field)).toMatchObject({ stored: true, encrypted: true, masked: true });
    }
  });

  it('seals each C2 field encrypted under its own column and masked by its own mask', () => {
    const vault = new PiiVault(key, 'hash-key-of-sixteen+');
    const sealed = vault.seal({ name: '欧阳娜娜', phone: '13812345678', idNumber: '110101199003071234' });
    expect([sealed.customerNameMasked, sealed.customerPhoneMasked, sealed.customerIdNumberMasked]).toEqual(['欧***', '138****5678', '1101**********1234']);
    for (const buf of [sealed.customerNameEnc, sealed.customerPhoneEnc, sealed.customerIdNumberEnc!]) expect(buf.toString('utf8')).not.toMatch(/欧阳|13812345678|110101199003071234/);
    // A ciphertext opens only under its own column (the column is the associated data).
    const cipher = new PiiCipher(key);
    expect(() => cipher.decrypt('customer_phone', sealed.customerNameEnc)).toThrow();
    expect(vault.open(sealed)).toEqual({ name: '欧阳娜娜', phone: '13812345678', idNumber: '110101199003071234' });
  });

  it('reveals only revealable fields that hold a value', () => {
    expect(revealableFields({ customerName: true, customerPhone: true, customerIdNumber: false })).toEqual(['customerName', 'customerPhone']);
    expect(revealableFields({ customerName: true, customerPhone: true, customerIdNumber: true })).toEqual(['customerName', 'customerPhone', 'customerIdNumber']);
  });
});
