import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';

export interface Response {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  /** The body as JSON, of the shape the caller expects (`T`: what the test reads of it). */
  json<T = unknown>(): T;
}

/**
 * An HTTP request with an explicit Host header: tenants are reached by name,
 * and Node's resolver here may not map *.localhost to the loopback address.
 */
export function request(
  baseUrl: string,
  path: string,
  options: { host: string; method?: string; headers?: Record<string, string>; body?: string | Buffer },
): Promise<Response> {
  const url = new URL(path, baseUrl);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        hostname: url.hostname,
        port: url.port,
        path: url.pathname + url.search,
        method: options.method ?? 'GET',
        // An explicit length: Node's client sends a DELETE body with neither a length nor chunked encoding.
        headers: {
          host: options.host,
          ...(options.body !== undefined ? { 'content-length': String(Buffer.byteLength(options.body)) } : {}),
          ...options.headers,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const body = Buffer.concat(chunks).toString('utf8');
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body, json: <T>() => JSON.parse(body) as T });
        });
      },
    );
    req.on('error', reject);
    if (options.body) req.write(options.body);
    req.end();
  });
}

/**
 * Sends `head` (request line and headers, `\r\n`-separated, without the blank
 * line) verbatim over a socket: for what Node's client refuses to send (two
 * Host headers, an absolute-form target). Answers the status and the raw text.
 */
export function rawRequest(baseUrl: string, head: string, body = ''): Promise<{ status: number; text: string }> {
  const url = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(url.port), url.hostname, () => {
      socket.write(`${head}\r\nConnection: close\r\n${body ? `Content-Length: ${Buffer.byteLength(body)}\r\n` : ''}\r\n${body}`);
    });
    const chunks: Buffer[] = [];
    socket.on('data', (c) => chunks.push(c));
    socket.on('error', reject);
    socket.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      resolve({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1] ?? 0), text });
    });
  });
}
