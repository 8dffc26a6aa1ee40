import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { Socket } from 'node:net';

/**
 * The harness's own firmware repository: a loopback HTTP server a case starts to serve firmware
 * images (block L, the harness as CSMS) and stops at its end. Every server serves under a random
 * path prefix of its own (`/firmware/<24 hex>/`).
 *
 * Trust: while a server runs, its origin plus prefix is listed here, and isHarnessFirmwareLocation
 * is the one exception the built-in reference station makes to its firmware location policy (only
 * https/ftps on external hosts): it is the reference station's "configured firmware repository",
 * as a lab station is configured with the test system's. Nothing else on loopback, no other port,
 * no other path and no stopped server is trusted, so the hostile-location checks (SEC_FW_05: file:,
 * loopback bait, localhost, http) still see a refusal. A real station never asks this list.
 */
const TRUSTED = new Set<string>();

/** Whether `location` points into a running harness firmware server (origin and its path prefix). */
export function isHarnessFirmwareLocation(location: string): boolean {
  let u: URL;
  try {
    u = new URL(location);
  } catch {
    return false;
  }
  if (u.protocol !== 'http:' || u.username || u.password) return false;
  return [...TRUSTED].some((base) => `${u.origin}${u.pathname}`.startsWith(base));
}

export interface FirmwareFetch {
  path: string;
  at: number;
}

export class FirmwareServer {
  private readonly server: http.Server;
  private readonly sockets = new Set<Socket>();
  private readonly files = new Map<string, Buffer>();
  private readonly prefix = `/firmware/${randomBytes(12).toString('hex')}/`;
  private base = '';
  readonly fetches: FirmwareFetch[] = [];

  constructor(private readonly note: (text: string) => void = () => undefined) {
    this.server = http.createServer((req, res) => {
      const path = (req.url ?? '/').split('?')[0] ?? '/';
      const body = this.files.get(path);
      if (req.method === 'GET' && body) {
        this.fetches.push({ path, at: Date.now() });
        this.note(`firmware server: GET ${path} (${body.length} bytes)`);
        res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': body.length, connection: 'close' });
        res.end(body);
        return;
      }
      this.note(`firmware server: ${req.method ?? '?'} ${path} answered 404`);
      res.writeHead(404, { connection: 'close' }).end();
    });
    this.server.requestTimeout = 5000;
    this.server.on('connection', (s) => {
      this.sockets.add(s);
      s.setTimeout(5000, () => s.destroy());
      s.on('close', () => this.sockets.delete(s));
    });
  }

  async start(): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(0, '127.0.0.1', () => resolve());
    });
    const port = (this.server.address() as { port: number }).port;
    this.base = `http://127.0.0.1:${port}${this.prefix}`;
    TRUSTED.add(this.base);
  }

  /** Serves `body` as `name` from now on; returns its URL. */
  serve(name: string, body: Buffer): string {
    this.files.set(`${this.prefix}${name}`, body);
    return this.url(name);
  }

  /** The URL of `name` on this server (served or not: an unserved name is answered 404). */
  url(name: string): string {
    return `${this.base}${name}`;
  }

  /** How often `name` was fetched. */
  fetchesOf(name: string): number {
    return this.fetches.filter((f) => f.path === `${this.prefix}${name}`).length;
  }

  async stop(): Promise<void> {
    TRUSTED.delete(this.base);
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
