/**
 * HTTP requests with full control over the headers (fetch will not send a foreign Host, and
 * always adds its own Origin-free defaults): for the console's host, origin and body checks.
 * `body` may be a string, a Buffer, or { chunked: bytes } to stream that many bytes without a
 * Content-Length.
 */
import { request } from 'node:http';

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  json: any;
}

export interface RawInit {
  method?: string;
  headers?: Record<string, string>;
  body?: string | Buffer | { chunked: number };
}

export function rawRequest(baseUrl: string, path: string, init: RawInit = {}): Promise<RawResponse> {
  const url = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { ...init.headers };
    const body = init.body;
    if (typeof body === 'string' || Buffer.isBuffer(body)) headers['content-length'] ??= String(Buffer.byteLength(body));
    const req = request({ host: url.hostname, port: url.port, path, method: init.method ?? 'GET', headers, setHost: !('host' in headers) }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let json: unknown = null;
        try {
          json = text ? JSON.parse(text) : null;
        } catch {
          json = null;
        }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
      });
      res.on('error', reject);
    });
    // The server may answer (413) and close before a large body is sent: that is the answer.
    req.on('error', (e: NodeJS.ErrnoException) => (e.code === 'EPIPE' || e.code === 'ECONNRESET' ? undefined : reject(e)));
    if (body && typeof body === 'object' && 'chunked' in body) {
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      let left = body.chunked;
      const pump = () => {
        while (left > 0) {
          const n = Math.min(left, chunk.length);
          left -= n;
          if (!req.write(n === chunk.length ? chunk : chunk.subarray(0, n))) return void req.once('drain', pump);
        }
        req.end();
      };
      req.on('response', () => (left = 0));
      pump();
    } else {
      req.end(body);
    }
  });
}
