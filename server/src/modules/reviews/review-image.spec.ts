import sharp from 'sharp';
import { processReviewImage, ReviewImageRejected } from './review-image';

const photo = (format: 'jpeg' | 'png' | 'webp' | 'gif', width = 400, height = 300) => {
  const base = sharp({ create: { width, height, channels: 3, background: '#e93b3d' } });
  return format === 'jpeg' ? base.jpeg().withExif({ IFD0: { Make: 'SecretPhone', Copyright: 'home address' } }).toBuffer() : base.toFormat(format).toBuffer();
};

describe('processReviewImage', () => {
  it('re-encodes a JPEG without its EXIF and makes a square thumbnail', async () => {
    const input = await photo('jpeg');
    expect((await sharp(input).metadata()).exif).toBeDefined();
    const out = await processReviewImage(input);
    const full = await sharp(out.full).metadata();
    expect(full).toMatchObject({ format: 'jpeg', width: 400, height: 300 });
    expect(full.exif).toBeUndefined();
    expect(out.full.includes(Buffer.from('SecretPhone'))).toBe(false);
    expect(await sharp(out.thumb).metadata()).toMatchObject({ format: 'jpeg', width: 360, height: 360 });
    expect(out).toMatchObject({ width: 400, height: 300 });
  });

  it('shrinks large photos to 1600 px on the long edge', async () => {
    const out = await processReviewImage(await photo('png', 3200, 1000));
    expect(out).toMatchObject({ width: 1600, height: 500 });
  });

  it('accepts WebP and refuses GIF, SVG, text and truncated files', async () => {
    await expect(processReviewImage(await photo('webp'))).resolves.toMatchObject({ width: 400 });
    await expect(processReviewImage(await photo('gif'))).rejects.toBeInstanceOf(ReviewImageRejected);
    await expect(processReviewImage(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>'))).rejects.toBeInstanceOf(ReviewImageRejected);
    await expect(processReviewImage(Buffer.from('hello'))).rejects.toBeInstanceOf(ReviewImageRejected);
    const jpeg = await photo('jpeg');
    await expect(processReviewImage(jpeg.subarray(0, jpeg.length / 2))).rejects.toBeInstanceOf(ReviewImageRejected);
  });
});
