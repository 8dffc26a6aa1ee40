import { connect } from 'node:net';

/**
 * Whether anything accepts a TCP connection at a ws:// or wss:// URL's host and port: undefined
 * when it does, else the network error. Only the network is tested (no TLS, no upgrade), so a
 * SUT that refuses the harness at a higher level still counts as reachable.
 */
export function tcpUnreachable(url: string, timeoutMs: number): Promise<string | undefined> {
  const u = new URL(url);
  const host = u.hostname.replace(/^\[|\]$/g, '');
  const port = Number(u.port || (u.protocol === 'wss:' || u.protocol === 'https:' ? 443 : 80));
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const finish = (r: string | undefined) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(r);
    };
    const timer = setTimeout(() => finish(`TCP connection to ${host}:${port} not established within ${timeoutMs} ms`), timeoutMs);
    socket.once('connect', () => finish(undefined));
    socket.once('error', (err) => finish(err.message));
  });
}
