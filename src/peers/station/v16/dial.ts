import type { ConnectionOptions } from 'node:tls';
import WebSocket, { type RawData } from 'ws';
import { subprotocolOf, type OcppVersion } from '../../../core/versions.js';

export interface Dial16Options {
  target: string;
  identity: string;
  version: OcppVersion;
  basicAuthPassword?: string;
  timeoutMs: number;
  /**
   * Fault cp-accepts-missing-subprotocol: when the server's 101 carries no subprotocol, dial
   * again with the offer written as a plain header, which the ws client then does not check.
   */
  acceptMissingSubprotocol?: boolean;
  /** Security profile 2/3: TLS options (the installed CentralSystemRootCertificates as ca; client certificate for profile 3). */
  tls?: ConnectionOptions;
}

/** An open connection; frames that arrived with the 101 answer are held until flush(). */
export interface Dialed16 {
  ws: WebSocket;
  /** Hands the held frames to the listeners attached since (call right after attaching them). */
  flush(): void;
}

function open(url: string, protocols: string[] | undefined, headers: Record<string, string>, timeoutMs: number, tls: ConnectionOptions = {}): Promise<Dialed16> {
  return new Promise((resolve, reject) => {
    const ws = protocols ? new WebSocket(url, protocols, { headers, handshakeTimeout: timeoutMs, ...tls }) : new WebSocket(url, { headers, handshakeTimeout: timeoutMs, ...tls });
    // A frame sent right behind the 101 is parsed in the same tick as 'open', before the
    // caller can attach its handler; hold such frames instead of losing them.
    const early: [RawData, boolean][] = [];
    const hold = (data: RawData, isBinary: boolean) => early.push([data, isBinary]);
    ws.on('message', hold);
    const flush = () => {
      ws.off('message', hold);
      for (const [data, isBinary] of early.splice(0)) ws.emit('message', data, isBinary);
    };
    ws.once('open', () => resolve({ ws, flush }));
    ws.once('error', reject);
    ws.once('unexpected-response', (_r, res) => {
      ws.terminate();
      reject(new Error(`HTTP ${res.statusCode}`));
    });
  });
}

/**
 * Dials the central system as the 1.6 reference charge point. The ws client fails the
 * connection when the 101 answer selects a subprotocol that was not offered, or none (RFC 6455
 * section 4.1): the conformant behaviour.
 */
export async function dialCentralSystem16(o: Dial16Options): Promise<Dialed16> {
  const url = `${o.target.replace(/\/+$/, '')}/${encodeURIComponent(o.identity)}`;
  const headers: Record<string, string> = {};
  if (o.basicAuthPassword) headers.authorization = `Basic ${Buffer.from(`${o.identity}:${o.basicAuthPassword}`).toString('base64')}`;
  const ours = subprotocolOf(o.version);
  const tls = o.tls ?? {};
  try {
    return await open(url, [ours], headers, o.timeoutMs, tls);
  } catch (err) {
    if (!o.acceptMissingSubprotocol || !/no subprotocol/i.test((err as Error).message)) throw err;
    return open(url, undefined, { ...headers, 'Sec-WebSocket-Protocol': ours }, o.timeoutMs, tls);
  }
}
