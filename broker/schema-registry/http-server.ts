/**
 * The registry's HTTP listener: body limits, content types and error bodies as Confluent's
 * registry answers them. Requests are handled one at a time in arrival order (each handler is
 * synchronous), so two registrations can never race for a version or an id.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildRoutes, matchRoute, type Route } from './routes.ts';
import { RegistryError } from './errors.ts';
import type { Registry } from './registry.ts';
import type { SchemasTopic } from './schemas-topic.ts';

const VND = 'application/vnd.schemaregistry.v1+json';
const ACCEPTED_BODY_TYPES = new Set([VND, 'application/vnd.schemaregistry+json', 'application/json', 'application/octet-stream']);
/** Large enough for any real schema; a body above it is refused before it is buffered. */
export const MAX_BODY_BYTES = 16 * 1024 * 1024;

const httpError = (status: number, reason: string): RegistryError => new RegistryError(status, status, `HTTP ${status} ${reason}`);

/** Answers in application/json only to clients that ask for it and not for Confluent's own type. */
function responseType(accept: string | undefined): string {
  if (!accept || accept.includes('vnd.schemaregistry') || accept.includes('*/*')) return VND;
  return accept.includes('application/json') ? 'application/json' : VND;
}

function readBody(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > MAX_BODY_BYTES) return reject(httpError(413, 'Request Entity Too Large'));
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY_BYTES) {
        reject(httpError(413, 'Request Entity Too Large'));
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function parseBody(req: http.IncomingMessage, raw: Buffer): unknown {
  const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== '' && !ACCEPTED_BODY_TYPES.has(type)) throw httpError(415, 'Unsupported Media Type');
  if (raw.length === 0) return null;
  try {
    return JSON.parse(raw.toString('utf8'));
  } catch (err) {
    throw new RegistryError(400, 400, `Unrecognized request body: ${(err as Error).message}`);
  }
}

export class RegistryHttpServer {
  private readonly server: http.Server;
  private readonly routes: Route[];

  constructor(
    registry: Registry,
    topic: SchemasTopic,
    private readonly log: (line: string) => void,
  ) {
    this.routes = buildRoutes(registry, topic);
    this.server = http.createServer((req, res) => void this.serve(req, res));
    // Keep-alive connections would hold stop() open; close them when idle.
    this.server.keepAliveTimeout = 5000;
  }

  private async serve(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const type = responseType(req.headers.accept);
    const send = (status: number, body: unknown): void => {
      if (res.headersSent || res.destroyed) return;
      const text = typeof body === 'string' ? body : JSON.stringify(body);
      res.writeHead(status, { 'Content-Type': type, 'Content-Length': Buffer.byteLength(text) });
      res.end(text);
    };
    try {
      const url = new URL(req.url ?? '/', 'http://registry');
      const found = matchRoute(this.routes, req.method ?? 'GET', url.pathname);
      if (found === null) throw httpError(404, 'Not Found');
      if (found === 'method-not-allowed') throw httpError(405, 'Method Not Allowed');
      const raw = await readBody(req);
      const body = found.route.method === 'POST' || found.route.method === 'PUT' ? parseBody(req, raw) : null;
      send(200, found.route.handle({ params: found.params, query: url.searchParams, body }));
    } catch (err) {
      if (err instanceof RegistryError) return send(err.status, err.toBody());
      this.log(`schema registry: ${req.method} ${req.url} failed: ${(err as Error).stack ?? String(err)}`);
      send(500, { error_code: 50001, message: `Error in the backend data store: ${(err as Error).message}` });
    }
  }

  listen(host: string, port: number): Promise<AddressInfo> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, host, () => {
        this.server.off('error', reject);
        resolve(this.server.address() as AddressInfo);
      });
    });
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }
}
