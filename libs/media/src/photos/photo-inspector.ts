import { createHash } from 'node:crypto';
import sharp from 'sharp';
import { MediaError, MediaErrorCode } from '../media-error';

export type ImageType = 'image/jpeg' | 'image/png' | 'image/webp';

export interface InspectedPhoto {
  /** The image re-encoded: orientation applied, every metadata block (EXIF GPS, camera, author) gone. */
  data: Buffer;
  contentType: ImageType;
  extension: 'jpg' | 'png' | 'webp';
  width: number;
  height: number;
  /** SHA-256 of the bytes as uploaded: the very same file used twice. */
  sha256: string;
  /** 64-bit difference hash of the picture: the same scene re-saved, resized or re-compressed. */
  phash: string;
}

const MAX_PIXELS = 40_000_000;
const MAX_SIDE = 2560;

/** What the bytes say they are, whatever the file name or the declared type claims. */
export function sniffImageType(data: Buffer): ImageType | null {
  if (data.length >= 3 && data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff) return 'image/jpeg';
  if (data.length >= 8 && data.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (data.length >= 12 && data.toString('latin1', 0, 4) === 'RIFF' && data.toString('latin1', 8, 12) === 'WEBP') return 'image/webp';
  return null;
}

/**
 * Accepts a photo only if its content is a JPEG, PNG or WebP image within the
 * size limit that actually decodes, and returns it cleaned and hashed.
 */
export async function inspectPhoto(data: Buffer, maxBytes: number): Promise<InspectedPhoto> {
  if (data.length > maxBytes) throw new MediaError(MediaErrorCode.FileTooLarge, { maxMb: Math.round(maxBytes / 1_048_576) });
  const contentType = sniffImageType(data);
  if (!contentType) throw new MediaError(MediaErrorCode.NotImage);
  const extension = contentType === 'image/jpeg' ? 'jpg' : contentType === 'image/png' ? 'png' : 'webp';
  try {
    const pipeline = sharp(data, { limitInputPixels: MAX_PIXELS, failOn: 'error' })
      .rotate()
      .resize({ width: MAX_SIDE, height: MAX_SIDE, fit: 'inside', withoutEnlargement: true });
    const encoded =
      extension === 'jpg'
        ? pipeline.jpeg({ quality: 85, mozjpeg: true })
        : extension === 'png'
          ? pipeline.png()
          : pipeline.webp({ quality: 85 });
    const { data: cleaned, info } = await encoded.toBuffer({ resolveWithObject: true });
    return {
      data: cleaned,
      contentType,
      extension,
      width: info.width,
      height: info.height,
      sha256: createHash('sha256').update(data).digest('hex'),
      phash: await differenceHash(cleaned),
    };
  } catch (error) {
    if (error instanceof MediaError) throw error;
    throw new MediaError(MediaErrorCode.NotImage);
  }
}

/** dHash: shrink to 9x8 grey, one bit per horizontal neighbour pair (brighter to the right or not). */
export async function differenceHash(image: Buffer): Promise<string> {
  const px = await sharp(image).greyscale().resize(9, 8, { fit: 'fill' }).raw().toBuffer();
  let bits = 0n;
  for (let y = 0; y < 8; y++) {
    for (let x = 0; x < 8; x++) bits = (bits << 1n) | (px[y * 9 + x] < px[y * 9 + x + 1] ? 1n : 0n);
  }
  return bits.toString(16).padStart(16, '0');
}

export function hammingDistance(a: string, b: string): number {
  let x = BigInt(`0x${a}`) ^ BigInt(`0x${b}`);
  let count = 0;
  for (; x > 0n; x >>= 1n) count += Number(x & 1n);
  return count;
}

/** At most this many differing bits out of 64 and two photos show the same picture. */
export const NEAR_IDENTICAL_BITS = 6;
