import sharp from 'sharp';

/**
 * A photo-like test image: a gradient with a block whose position and colour
 * come from `seed`, so different seeds give perceptually different pictures
 * and the same seed the same picture.
 */
export async function testPhoto(seed: number, format: 'jpeg' | 'png' | 'webp' = 'jpeg', size = 320): Promise<Buffer> {
  const raw = Buffer.alloc(size * size * 3);
  const bx = (seed * 37) % (size / 2);
  const by = (seed * 53) % (size / 2);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const i = (y * size + x) * 3;
      const inBlock = x > bx && x < bx + size / 3 && y > by && y < by + size / 4;
      raw[i] = inBlock ? (seed * 91) % 256 : (x * 255) / size;
      raw[i + 1] = inBlock ? 255 - ((seed * 29) % 256) : ((x + y) * 127) / size;
      raw[i + 2] = (((seed % 2 ? size - y : y) * 255) / size) | 0;
    }
  }
  const image = sharp(raw, { raw: { width: size, height: size, channels: 3 } });
  return format === 'jpeg' ? image.jpeg({ quality: 90 }).toBuffer() : format === 'png' ? image.png().toBuffer() : image.webp().toBuffer();
}

/** A multipart/form-data body with fields and files, as a browser or app sends it. */
export function multipartBody(fields: Record<string, string>, files: { field: string; filename: string; type: string; data: Buffer }[]): { body: Buffer; contentType: string } {
  const boundary = `----replika${Math.random().toString(16).slice(2)}`;
  const chunks: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  }
  for (const f of files) {
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${f.field}"; filename="${f.filename}"\r\nContent-Type: ${f.type}\r\n\r\n`));
    chunks.push(f.data, Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}
