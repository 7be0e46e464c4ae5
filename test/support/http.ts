import { request as httpRequest } from 'node:http';

export interface Response {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  json<T = any>(): T;
}

/**
 * An HTTP request with an explicit Host header: tenants are reached by name,
 * and Node's resolver here may not map *.localhost to the loopback address.
 */
export function request(baseUrl: string, path: string, options: { host: string; method?: string; headers?: Record<string, string>; body?: string | Buffer }): Promise<Response> {
  const url = new URL(path, baseUrl);
  return new Promise((resolve, reject) => {
    const req = httpRequest({
      hostname: url.hostname, port: url.port, path: url.pathname + url.search, method: options.method ?? 'GET',
      headers: { host: options.host, ...options.headers },
    }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body, json: () => JSON.parse(body) });
      });
    });
    req.on('error', reject);
    if (options.body) req.write(options.body);
    req.end();
  });
}
