import http from 'node:http';
import net from 'node:net';

/**
 * Loopback-only helpers: the one place the harness decides what "loopback" means (attack
 * traffic may go nowhere else, and reference peers fetch and upload files only there).
 */

/** localhost, ::1 or 127.0.0.0/8. */
export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h === '::1' || (net.isIPv4(h) && h.startsWith('127.'));
}

/** PUTs text to a loopback http URL; false when the location is not one or the upload fails. */
export function uploadToLoopback(location: string, text: string, timeoutMs: number): Promise<boolean> {
  let u: URL;
  try {
    u = new URL(location);
  } catch {
    return Promise.resolve(false);
  }
  if (u.protocol !== 'http:' || !isLoopbackHost(u.hostname)) return Promise.resolve(false);
  const body = Buffer.from(text, 'utf8');
  return new Promise((resolve) => {
    const req = http.request(
      {
        host: u.hostname.replace(/^\[|\]$/g, ''),
        port: Number(u.port || 80),
        path: `${u.pathname}${u.search}`,
        method: 'PUT',
        timeout: timeoutMs,
        headers: { 'content-type': 'text/plain; charset=utf-8', 'content-length': body.length },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve((res.statusCode ?? 500) < 300));
      },
    );
    req.on('timeout', () => req.destroy(new Error('upload timed out')));
    req.on('error', () => resolve(false));
    req.end(body);
  });
}
