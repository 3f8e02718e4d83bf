import { describe, expect, it } from '@jest/globals';
import sharp from 'sharp';
import { EVIDENCE_TYPES, THUMBNAIL_SIZE } from '@xb/contracts';
import { cleanFileName, sha256Hex, sniffType, thumbnailOf } from './file-content.js';

describe('evidence file content', () => {
  it('reads the type from the signature, whatever the name says', async () => {
    const jpeg = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#c00' } }).jpeg().toBuffer();
    expect(await sniffType(jpeg)).toBe('image/jpeg');
    expect(await sniffType(Buffer.from('%PDF-1.7\n%\xe2\xe3\n'))).toBe('application/pdf');
    const exe = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(58), Buffer.from([0x80, 0, 0, 0]), Buffer.alloc(64), Buffer.from('PE\0\0'), Buffer.alloc(64)]);
    const exeType = await sniffType(exe);
    expect(exeType).toBe('application/x-msdownload');
    expect(EVIDENCE_TYPES).not.toContain(exeType);
    expect(await sniffType(Buffer.from('plain text has no signature'))).toBeNull();
  });

  it('makes a WebP thumbnail no larger than THUMBNAIL_SIZE for images, none for documents or undecodable images', async () => {
    const wide = await sharp({ create: { width: 1600, height: 400, channels: 3, background: '#0a0' } }).png().toBuffer();
    const thumb = await thumbnailOf(wide, 'image/png');
    const meta = await sharp(thumb!).metadata();
    expect(meta).toMatchObject({ format: 'webp', width: THUMBNAIL_SIZE, height: THUMBNAIL_SIZE / 4 });
    const small = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#00a' } }).png().toBuffer();
    expect(await sharp((await thumbnailOf(small, 'image/png'))!).metadata()).toMatchObject({ width: 40, height: 30 });
    expect(await thumbnailOf(Buffer.from('%PDF-1.7'), 'application/pdf')).toBeNull();
    expect(await thumbnailOf(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]), 'image/jpeg')).toBeNull();
  });

  it('hashes the content (SHA-256, hex)', () => {
    expect(sha256Hex(Buffer.from('abc'))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('keeps a display name without paths or control characters', () => {
    expect(cleanFileName('C:\\Users\\li\\现场照片.jpg')).toBe('现场照片.jpg');
    expect(cleanFileName('../../etc/passwd')).toBe('passwd');
    expect(cleanFileName('a\u0000b\nc.pdf')).toBe('abc.pdf');
    expect(cleanFileName('')).toBe('file');
    expect(cleanFileName('x'.repeat(300))).toHaveLength(255);
  });
});
