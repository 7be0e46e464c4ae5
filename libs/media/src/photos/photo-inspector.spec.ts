import assert from 'node:assert/strict';
import { test } from 'node:test';
import sharp from 'sharp';
import { MediaError, MediaErrorCode } from '../media-error';
import { hammingDistance, inspectPhoto, NEAR_IDENTICAL_BITS, sniffImageType } from './photo-inspector';

/** A picture with structure (a gradient and a block), so its hash is not trivial. */
function scene(width: number, shift = 0): Promise<sharp.Sharp> {
  const raw = Buffer.alloc(width * width * 3);
  for (let y = 0; y < width; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 3;
      const block = x > width / 3 + shift && x < (2 * width) / 3 && y > width / 4 ? 200 : 0;
      raw[i] = (x * 255) / width;
      raw[i + 1] = block;
      raw[i + 2] = (y * 255) / width;
    }
  }
  return Promise.resolve(sharp(raw, { raw: { width, height: width, channels: 3 } }));
}

test('the content decides the type, not the name', async () => {
  assert.equal(sniffImageType(await (await scene(32)).jpeg().toBuffer()), 'image/jpeg');
  assert.equal(sniffImageType(await (await scene(32)).png().toBuffer()), 'image/png');
  assert.equal(sniffImageType(await (await scene(32)).webp().toBuffer()), 'image/webp');
  assert.equal(sniffImageType(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>')), null);
  assert.equal(sniffImageType(Buffer.from('GIF89a......')), null);
});

test('a non-image, a truncated image and an oversized file are refused with their codes', async () => {
  const refusal = (code: MediaErrorCode) => (e: unknown) => e instanceof MediaError && e.code === code;
  await assert.rejects(() => inspectPhoto(Buffer.from('%PDF-1.7 not a photo'), 1_000_000), refusal(MediaErrorCode.NotImage));
  const jpeg = await (await scene(64)).jpeg().toBuffer();
  await assert.rejects(() => inspectPhoto(jpeg.subarray(0, 40), 1_000_000), refusal(MediaErrorCode.NotImage));
  await assert.rejects(() => inspectPhoto(jpeg, 100), refusal(MediaErrorCode.FileTooLarge));
});

test('metadata (GPS, camera) is stripped from what is kept', async () => {
  const withExif = await (
    await scene(64)
  )
    .jpeg()
    .withExif({ IFD0: { Make: 'KameraRahasia', Artist: 'Pelapor Anonim' } })
    .toBuffer();
  assert.ok(withExif.includes(Buffer.from('KameraRahasia')));
  const kept = await inspectPhoto(withExif, 1_000_000);
  assert.ok(!kept.data.includes(Buffer.from('KameraRahasia')));
  assert.ok(!kept.data.includes(Buffer.from('Pelapor Anonim')));
  assert.equal((await sharp(kept.data).metadata()).exif, undefined);
});

test('the same picture re-saved smaller is near-identical; a different one is not', async () => {
  const original = await inspectPhoto(await (await scene(256)).jpeg({ quality: 95 }).toBuffer(), 5_000_000);
  const resaved = await inspectPhoto(await (await scene(256)).resize(180).jpeg({ quality: 40 }).toBuffer(), 5_000_000);
  const other = await inspectPhoto(await (await scene(256, 60)).flop().png().toBuffer(), 5_000_000);
  assert.notEqual(original.sha256, resaved.sha256);
  assert.ok(hammingDistance(original.phash, resaved.phash) <= NEAR_IDENTICAL_BITS, `${original.phash} vs ${resaved.phash}`);
  assert.ok(hammingDistance(original.phash, other.phash) > NEAR_IDENTICAL_BITS, `${original.phash} vs ${other.phash}`);
});
