import http from 'node:http';
import type { Duplex } from 'node:stream';
import type { WireRecorder } from './connection.js';
import { waitFor, ChangeSignal } from './wait.js';

/**
 * A small, bounded HTTP server on 127.0.0.1 that a case starts to receive file uploads from the
 * station (GetLog) and to notice fetches it should never see (a firmware location pointing at
 * loopback). It records every request; PUT and POST bodies are kept (up to a size cap), every
 * other method is answered 404. It never serves files.
 */
export interface UploadRecord {
  method: string;
  /** Path and query as requested. */
  path: string;
  headers: http.IncomingHttpHeaders;
  /** The body (PUT/POST), cut at the size cap. */
  body: Buffer;
  truncated: boolean;
  /** Date.now() when the request ended. */
  at: number;
}

export interface UploadServerOptions {
  /** Largest body kept per request (default 2 MiB); the rest is discarded and the answer is 413. */
  maxBodyBytes?: number;
  /** Requests accepted in total (default 50); later ones are answered 429 and not recorded. */
  maxRequests?: number;
  /** Per-request idle timeout (default 5 s). */
  requestTimeoutMs?: number;
  recorder?: WireRecorder;
}

export class UploadServer {
  private readonly server: http.Server;
  private readonly sockets = new Set<Duplex>();
  private readonly changed = new ChangeSignal();
  readonly records: UploadRecord[] = [];
  private port = 0;
  private count = 0;

  constructor(private readonly o: UploadServerOptions = {}) {
    const maxBody = o.maxBodyBytes ?? 2 * 1024 * 1024;
    const maxRequests = o.maxRequests ?? 50;
    this.server = http.createServer((req, res) => {
      if (++this.count > maxRequests) {
        res.writeHead(429, { connection: 'close' }).end();
        req.resume();
        return;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      let truncated = false;
      req.on('data', (d: Buffer) => {
        if (size + d.length > maxBody) {
          truncated = true;
          chunks.push(d.subarray(0, Math.max(0, maxBody - size)));
          size = maxBody;
          return;
        }
        chunks.push(d);
        size += d.length;
      });
      req.on('end', () => {
        const rec: UploadRecord = {
          method: req.method ?? '?',
          path: req.url ?? '/',
          headers: req.headers,
          body: Buffer.concat(chunks),
          truncated,
          at: Date.now(),
        };
        this.records.push(rec);
        o.recorder?.note(
          'observation',
          `upload server: ${rec.method} ${rec.path} (${rec.body.length} bytes${truncated ? ', truncated' : ''})`,
        );
        const upload = rec.method === 'PUT' || rec.method === 'POST';
        res.writeHead(truncated ? 413 : upload ? 201 : 404, { 'content-type': 'text/plain', connection: 'close' });
        res.end(upload ? 'stored\n' : 'not found\n');
        this.changed.notify();
      });
      req.on('error', () => undefined);
    });
    this.server.requestTimeout = o.requestTimeoutMs ?? 5000;
    this.server.headersTimeout = o.requestTimeoutMs ?? 5000;
    this.server.on('connection', (s) => {
      this.sockets.add(s);
      s.setTimeout(o.requestTimeoutMs ?? 5000, () => s.destroy());
      s.on('close', () => this.sockets.delete(s));
    });
  }

  /** Starts listening on 127.0.0.1 (an ephemeral port); returns the base URL. */
  async start(): Promise<string> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(0, '127.0.0.1', () => {
        this.server.off('error', reject);
        resolve();
      });
    });
    this.port = (this.server.address() as { port: number }).port;
    this.o.recorder?.note('harness', `upload server listening on ${this.baseUrl}`);
    return this.baseUrl;
  }

  get baseUrl(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** A URL under this server (path starting with "/"). */
  url(path: string): string {
    return `${this.baseUrl}${path.startsWith('/') ? path : `/${path}`}`;
  }

  /** Uploads (PUT/POST) received so far, optionally only those under a path prefix. */
  uploads(prefix = '/'): UploadRecord[] {
    return this.records.filter((r) => (r.method === 'PUT' || r.method === 'POST') && r.path.startsWith(prefix));
  }

  /** Requests that are not uploads (a GET means someone fetched from us). */
  fetches(): UploadRecord[] {
    return this.records.filter((r) => r.method !== 'PUT' && r.method !== 'POST');
  }

  /** Waits for a request matching `match`; undefined when none arrives in time. */
  async waitFor(match: (r: UploadRecord) => boolean, withinMs: number, abort?: AbortSignal): Promise<UploadRecord | undefined> {
    const r = await waitFor(this.changed, () => this.records.find(match), withinMs, abort ?? new AbortController().signal);
    return r.ok ? r.value : undefined;
  }

  async stop(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.o.recorder?.note('harness', 'upload server stopped');
  }
}
