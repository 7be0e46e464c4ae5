import sharp from 'sharp';

/**
 * A photo-like test image from `seed`: different seeds give perceptually
 * different pictures, the same seed the same picture.
 */
export async function testPhoto(seed: number, format: 'jpeg' | 'png' | 'webp' = 'jpeg', size = 320): Promise<Buffer> {
  // A small pseudo-random grid of light and dark cells, scaled up: different seeds differ in many cells.
  let state = (seed * 2654435761) >>> 0 || 1;
  const next = () => (state = (state * 1664525 + 1013904223) >>> 0) / 2 ** 32;
  const cells = 6;
  const grid = Array.from({ length: cells * cells }, () => Math.floor(next() * 256));
  const raw = Buffer.alloc(size * size * 3);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const v = grid[Math.floor((y * cells) / size) * cells + Math.floor((x * cells) / size)];
      const i = (y * size + x) * 3;
      raw[i] = v;
      raw[i + 1] = (v + (x % 16) * 4) % 256;
      raw[i + 2] = 255 - v;
    }
  }
  const image = sharp(raw, { raw: { width: size, height: size, channels: 3 } });
  return format === 'jpeg' ? image.jpeg({ quality: 90 }).toBuffer() : format === 'png' ? image.png().toBuffer() : image.webp().toBuffer();
}

/** A multipart/form-data body with fields and files, as a browser or app sends it. */
export function multipartBody(
  fields: Record<string, string>,
  files: { field: string; filename: string; type: string; data: Buffer }[],
): { body: Buffer; contentType: string } {
  const boundary = `----replika${Math.random().toString(16).slice(2)}`;
  const chunks: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  }
  for (const f of files) {
    chunks.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${f.field}"; filename="${f.filename}"\r\nContent-Type: ${f.type}\r\n\r\n`,
      ),
    );
    chunks.push(f.data, Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}
