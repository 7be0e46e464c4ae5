import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { PlatformMetrics } from './platform-metrics';

/** `/metrics` on a port of its own, for a Prometheus on the private network (no token there: keep the port unpublished). */
export class MetricsServer {
  private constructor(private readonly server: Server) {}

  static listen(metrics: PlatformMetrics, port: number, host: string): Promise<MetricsServer> {
    const server = createServer((req, res) => {
      if (req.method !== 'GET' || req.url !== '/metrics') {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
        return;
      }
      metrics.text().then(
        (text) => res.writeHead(200, { 'content-type': metrics.contentType, 'cache-control': 'no-store' }).end(text),
        () => res.writeHead(500).end(),
      );
    });
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => resolve(new MetricsServer(server)));
    });
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
