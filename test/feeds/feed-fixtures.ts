import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';

/**
 * A local stand-in for the public sources, serving fixtures shaped like them
 * (field names, nesting, CSV dialect and character set as docs/feeds.md
 * describes each), and, on demand, the hostile behaviours a source can show.
 * Paths are the real URLs' host and path: https://infopangan.jakarta.go.id/api/v1/harga-pangan
 * is served at http://127.0.0.1:<port>/infopangan.jakarta.go.id/api/v1/harga-pangan.
 */

export const PATHS = {
  jakartaFood: '/infopangan.jakarta.go.id/api/v1/harga-pangan',
  jakartaAir: '/udara.jakarta.go.id/api/v1/ispu',
  lampungFood: '/data.lampungprov.go.id/dataset/harga-pangan/harga-pangan-harian.csv',
  lampungJobs: '/karirhub.kemnaker.go.id/api/v1/lowongan',
} as const;

export type Hostile =
  | 'timeout'
  | 'huge'
  | 'endless'
  | 'malformed-rows'
  | 'all-rows-malformed'
  | 'malformed-json'
  | 'wrong-encoding'
  | 'redirect-loopback'
  | 'redirect-private'
  | 'redirect-metadata'
  | 'redirect-allowed'
  | 'html'
  | 'server-error';

/** The last `days` dates (YYYY-MM-DD, Jakarta time), oldest first, ending today. */
export function lastDays(days: number): string[] {
  const out: string[] = [];
  for (let i = days - 1; i >= 0; i--) out.push(new Date(Date.now() + 7 * 3600_000 - i * 24 * 3600_000).toISOString().slice(0, 10));
  return out;
}

const DAYS = lastDays(3);

/** Info Pangan Jakarta: `{ data: [{ tanggal, komoditas, pasar, wilayah, harga, satuan }] }`, prices in rupiah. */
export function jakartaFood(): object {
  const data: object[] = [];
  const prices: Record<string, number[]> = {
    'Beras Medium': [13800, 14000, 14500],
    'Cabai Merah Keriting': [52000, 48000, 45000],
    'Bawang Merah': [38000, 38000, 38000],
  };
  DAYS.forEach((tanggal, d) => {
    for (const [komoditas, series] of Object.entries(prices)) {
      data.push({ tanggal, komoditas, pasar: 'Pasar Induk Kramat Jati', wilayah: 'Jakarta Timur', harga: series[d], satuan: 'Rp/kg' });
      data.push({ tanggal, komoditas, pasar: 'Pasar Senen', wilayah: 'Jakarta Pusat', harga: series[d] + 500, satuan: 'Rp/kg' });
    }
  });
  return { status: 'success', data };
}

/** Jakarta air quality (ISPU stations): `{ data: [{ waktu, stasiun, wilayah, parameter, nilai, satuan }] }`. */
export function jakartaAir(): object {
  const data: object[] = [];
  DAYS.forEach((day, d) => {
    data.push({
      waktu: `${day}T08:00:00+07:00`,
      stasiun: 'DKI1 Bundaran HI',
      wilayah: 'Jakarta Pusat',
      parameter: 'PM2.5',
      nilai: [61, 72, 88][d],
      satuan: 'µg/m³',
    });
    data.push({
      waktu: `${day}T08:00:00+07:00`,
      stasiun: 'DKI4 Lubang Buaya',
      wilayah: 'Jakarta Timur',
      parameter: 'PM2.5',
      nilai: [55, 64, 70][d],
      satuan: 'µg/m³',
    });
  });
  return { data };
}

/** Lampung's spreadsheet export: semicolon CSV in Windows-1252, dd/mm/yyyy dates, prices with thousands dots. */
export function lampungFoodCsv(): Buffer {
  const lines = ['Tanggal;Komoditas;Pasar;Kabupaten/Kota;Harga (Rp)'];
  const prices: Record<string, number[]> = {
    'Beras Medium': [12800, 12900, 13000],
    'Cabai Merah Keriting': [40000, 41000, 42000],
    'Pisang Kepok – Tandan': [25000, 25000, 26000],
  };
  DAYS.forEach((day, d) => {
    const [y, m, dd] = day.split('-');
    for (const [item, series] of Object.entries(prices)) {
      lines.push(`${dd}/${m}/${y};${item};Pasar Bambu Kuning;Kota Bandar Lampung;${series[d].toLocaleString('id-ID')}`);
    }
  });
  return iconv.encode(lines.join('\r\n') + '\r\n', 'windows-1252');
}

/** Karirhub vacancies in Lampung: `{ data: { lowongan: [{ judul, perusahaan, kabupaten_kota, tanggal_tayang, jumlah_lowongan, tautan }] } }`. */
export function lampungJobs(): object {
  return {
    data: {
      total: 2,
      lowongan: [
        {
          judul: 'Operator Mesin Penggilingan Padi',
          perusahaan: 'PT Tani Makmur Lampung',
          kabupaten_kota: 'Lampung Tengah',
          tanggal_tayang: DAYS[2],
          jumlah_lowongan: 5,
          tautan: 'https://karirhub.kemnaker.go.id/lowongan/123',
        },
        {
          judul: 'Staf Gudang Hortikultura',
          perusahaan: 'CV Pisang Emas',
          kabupaten_kota: 'Kota Bandar Lampung',
          tanggal_tayang: DAYS[1],
          jumlah_lowongan: 2,
          tautan: 'javascript:alert(1)',
        },
      ],
    },
  };
}

export class FixtureServer {
  readonly hostile = new Map<string, Hostile>();
  /** Requests seen per path, to prove a refused redirect was never followed. */
  readonly hits = new Map<string, number>();
  private server!: Server;
  /** A second server on another loopback address (127.0.0.2): what a redirect to the platform's own network would reach. */
  private inner!: Server;
  port = 0;
  innerPort = 0;
  private readonly open = new Set<ServerResponse>();

  async start(): Promise<void> {
    this.server = createServer((req, res) => this.handle(req, res));
    this.inner = createServer((_req, res) => {
      this.count('inner');
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(jakartaFood()));
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    await new Promise<void>((resolve) => this.inner.listen(0, '127.0.0.2', resolve));
    this.port = (this.server.address() as { port: number }).port;
    this.innerPort = (this.inner.address() as { port: number }).port;
  }

  async stop(): Promise<void> {
    for (const res of this.open) res.destroy();
    this.server.closeAllConnections();
    this.inner.closeAllConnections();
    await Promise.all([new Promise((r) => this.server.close(r)), new Promise((r) => this.inner.close(r))]);
  }

  /** A copy of the tenant folders whose feed URLs point here. */
  tenantsDir(source: string): string {
    const dir = mkdtempSync(join(tmpdir(), 'replika-feeds-tenants-'));
    cpSync(source, dir, { recursive: true });
    for (const slug of ['jakarta', 'lampung']) {
      const file = join(dir, slug, 'feeds.yaml');
      writeFileSync(file, readFileSync(file, 'utf8').replace(/^(\s+url: )https:\/\//gm, `$1http://127.0.0.1:${this.port}/`));
    }
    return dir;
  }

  private count(path: string): void {
    this.hits.set(path, (this.hits.get(path) ?? 0) + 1);
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const path = (req.url ?? '/').split('?')[0];
    this.count(path);
    const hostile = this.hostile.get(path);
    if (hostile) return this.misbehave(hostile, res);
    const json = (body: object) => res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(body));
    switch (path) {
      case PATHS.jakartaFood:
        return void json(jakartaFood());
      case PATHS.jakartaAir:
        return void json(jakartaAir());
      case PATHS.lampungJobs:
        return void json(lampungJobs());
      case PATHS.lampungFood:
        return void res.writeHead(200, { 'content-type': 'text/csv' }).end(lampungFoodCsv());
      default:
        res.writeHead(404).end();
    }
  }

  private misbehave(kind: Hostile, res: ServerResponse): void {
    switch (kind) {
      case 'timeout':
        // Headers never come.
        this.open.add(res);
        return;
      case 'huge': {
        // No Content-Length: the size shows only while reading.
        res.writeHead(200, { 'content-type': 'application/json' });
        const chunk = Buffer.alloc(64 * 1024, 0x20);
        let sent = 0;
        const pump = () => {
          while (sent < 50 * 1024 * 1024 && !res.destroyed) {
            sent += chunk.length;
            if (!res.write(chunk)) return void res.once('drain', pump);
          }
          res.end();
        };
        return pump();
      }
      case 'endless': {
        // A slow drip that never ends: each chunk resets an idle timer, only the pull's deadline stops it.
        this.open.add(res);
        res.writeHead(200, { 'content-type': 'application/json' });
        res.write('{"data": [');
        const timer = setInterval(() => (res.destroyed ? clearInterval(timer) : res.write(' ')), 100);
        res.on('close', () => clearInterval(timer));
        return;
      }
      case 'malformed-rows': {
        const good = jakartaFood() as { data: object[] };
        const data = [
          ...good.data,
          { tanggal: 'kemarin', komoditas: 'Gula Pasir', harga: 17000 },
          { tanggal: DAYS[2], komoditas: '', harga: 1 },
          { tanggal: DAYS[2], komoditas: 'Minyak Goreng', harga: 'mahal' },
          'bukan baris',
          null,
        ];
        return void res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ data }));
      }
      case 'all-rows-malformed':
        return void res
          .writeHead(200, { 'content-type': 'application/json' })
          .end(JSON.stringify({ data: [{ tanggal: '31/02/2026', komoditas: 'Beras', harga: 'x' }, 7] }));
      case 'malformed-json':
        return void res.writeHead(200, { 'content-type': 'application/json' }).end('{"data": [{"tanggal": "2026-11-28", "komoditas": ');
      case 'wrong-encoding':
        // Windows-1252 bytes (é = 0xE9) under a UTF-8 label.
        return void res
          .writeHead(200, { 'content-type': 'application/json; charset=utf-8' })
          .end(iconv.encode(JSON.stringify({ data: [{ tanggal: DAYS[2], komoditas: 'Café Bubuk', harga: 80000 }] }), 'windows-1252'));
      case 'redirect-loopback':
        return void res.writeHead(302, { location: `http://127.0.0.2:${this.innerPort}/secret` }).end();
      case 'redirect-private':
        return void res.writeHead(301, { location: 'http://10.0.0.1/harga.json' }).end();
      case 'redirect-metadata':
        return void res.writeHead(307, { location: 'http://169.254.169.254/latest/meta-data/' }).end();
      case 'redirect-allowed':
        // A moved source on an allowed address: followed (the fixture path serves the good data once the mode is cleared).
        this.hostile.delete(PATHS.jakartaFood);
        return void res.writeHead(301, { location: PATHS.jakartaFood }).end();
      case 'html':
        return void res
          .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
          .end('<!DOCTYPE html><html><body><h1>Sedang dalam pemeliharaan</h1></body></html>');
      case 'server-error':
        return void res.writeHead(503, { 'content-type': 'text/plain' }).end('maintenance');
    }
  }
}
