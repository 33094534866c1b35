import sharp from 'sharp';

/** Formats a shopper may upload, as sharp detects them from the bytes (never from the name or header). */
const ACCEPTED = new Set(['jpeg', 'png', 'webp']);
/** Refuse decompression bombs: about 40 megapixels. */
const MAX_PIXELS = 40_000_000;
const FULL_EDGE = 1600;
const THUMB_EDGE = 360;

export class ReviewImageRejected extends Error {}

export interface ProcessedReviewImage {
  full: Buffer;
  thumb: Buffer;
  width: number;
  height: number;
}

/**
 * Turns an upload into what we store: oriented upright, at most 1600 px on its long edge, re-encoded as JPEG
 * with no metadata (sharp drops EXIF, GPS and XMP unless asked to keep them), plus a 360 px square thumbnail.
 */
export async function processReviewImage(input: Buffer): Promise<ProcessedReviewImage> {
  let format: string | undefined;
  try {
    format = (await sharp(input, { limitInputPixels: MAX_PIXELS }).metadata()).format;
  } catch {
    throw new ReviewImageRejected('not an image');
  }
  if (!format || !ACCEPTED.has(format)) throw new ReviewImageRejected(`format ${format ?? 'unknown'} not accepted`);
  try {
    const source = sharp(input, { limitInputPixels: MAX_PIXELS, failOn: 'error' }).rotate().flatten({ background: '#ffffff' });
    const full = await source.clone().resize({ width: FULL_EDGE, height: FULL_EDGE, fit: 'inside', withoutEnlargement: true }).jpeg({ quality: 82 }).toBuffer({ resolveWithObject: true });
    const thumb = await source.clone().resize({ width: THUMB_EDGE, height: THUMB_EDGE, fit: 'cover' }).jpeg({ quality: 75 }).toBuffer();
    return { full: full.data, thumb, width: full.info.width, height: full.info.height };
  } catch {
    throw new ReviewImageRejected('image could not be decoded');
  }
}
