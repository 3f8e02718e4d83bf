import { createHash } from 'node:crypto';
import { isImageType, THUMBNAIL_SIZE } from '@xb/contracts';

// Loaded on first use: together they add seconds to the gateway's start on a busy machine.
const fileType = () => import('file-type');
const sharpLib = async () => (await import('sharp')).default;

export const sha256Hex = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** The MIME type read from the content's signature (magic bytes), never from the name; null when unknown. */
export async function sniffType(bytes: Uint8Array): Promise<string | null> {
  return (await (await fileType()).fileTypeFromBuffer(bytes))?.mime ?? null;
}

/**
 * A WebP thumbnail (longest side THUMBNAIL_SIZE, EXIF orientation applied, metadata such
 * as GPS stripped) for images; null for other types or an image sharp cannot decode.
 * sharp's default pixel limit refuses decompression bombs.
 */
export async function thumbnailOf(bytes: Uint8Array, mimeType: string): Promise<Buffer | null> {
  if (!isImageType(mimeType)) return null;
  const sharp = await sharpLib();
  try {
    return await sharp(bytes, { animated: false })
      .rotate()
      .resize(THUMBNAIL_SIZE, THUMBNAIL_SIZE, { fit: 'inside', withoutEnlargement: true })
      .webp({ quality: 75 })
      .toBuffer();
  } catch {
    return null;
  }
}

/** A display name: no path, no control characters, at most 255 characters; `file` when nothing is left. */
export function cleanFileName(name: string | undefined): string {
  const base = (name ?? '').split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  const clean = base.replace(/[\u0000-\u001f\u007f]/g, '').trim().slice(0, 255);
  return clean || 'file';
}
