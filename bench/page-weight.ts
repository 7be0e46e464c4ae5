import { request } from 'node:http';
import { gzipSync } from 'node:zlib';

export interface PageWeight {
  /** Each resource the page loads on first view (itself, its stylesheets and scripts): bytes as sent and gzipped. */
  resources: { path: string; bytes: number; gzip: number }[];
  bytes: number;
  gzip: number;
}

function fetchText(port: number, path: string, host: string): Promise<{ status: number; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers: { host, accept: 'text/html,*/*' }, timeout: 10_000 }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (d: Buffer) => chunks.push(d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks) }));
    });
    req.on('timeout', () => req.destroy(new Error(`GET ${path} timed out`)));
    req.on('error', reject);
    req.end();
  });
}

/**
 * What a phone downloads for a page on first view: the HTML, then every
 * same-site stylesheet and script it references (`<link rel=stylesheet|modulepreload|preload>`,
 * `<script src>`), gzipped at level 6 as a compressing proxy in front of the
 * platform would send them (the platform itself does not compress). Images
 * and the map's tiles are left out (loaded lazily, from elsewhere).
 */
export async function pageWeight(port: number, path: string, host: string): Promise<PageWeight> {
  const page = await fetchText(port, path, host);
  if (page.status !== 200) throw new Error(`GET ${path}: ${page.status}`);
  const html = page.body.toString('utf8');
  const refs = new Set<string>();
  for (const m of html.matchAll(/<link\b[^>]*\brel="(?:stylesheet|modulepreload|preload)"[^>]*>/g)) {
    const href = /\bhref="([^"]+)"/.exec(m[0])?.[1];
    if (href) refs.add(href);
  }
  for (const m of html.matchAll(/<script\b[^>]*\bsrc="([^"]+)"/g)) refs.add(m[1]);
  const resources = [{ path, bytes: page.body.length, gzip: gzipSync(page.body, { level: 6 }).length }];
  for (const ref of refs) {
    if (!ref.startsWith('/') || ref.startsWith('//')) continue;
    const res = await fetchText(port, ref.replace(/&amp;/g, '&'), host);
    if (res.status !== 200) throw new Error(`GET ${ref} (from ${path}): ${res.status}`);
    resources.push({ path: ref, bytes: res.body.length, gzip: gzipSync(res.body, { level: 6 }).length });
  }
  return { resources, bytes: resources.reduce((a, r) => a + r.bytes, 0), gzip: resources.reduce((a, r) => a + r.gzip, 0) };
}
