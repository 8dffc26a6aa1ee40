import type { ClientRequest } from 'node:http';
import type { Socket } from 'node:net';
import type { TLSSocket } from 'node:tls';
import type WebSocket from 'ws';

/**
 * The only place that reads private fields of `ws`. The attack suite writes hand-built frames
 * under the library and the TLS audits read the peer certificate, and `ws` exposes neither.
 * test/ws-internals.test.ts fails when a `ws` upgrade changes these shapes.
 */

/** The version of `ws` these accesses were written against. */
export const WS_INTERNALS_CHECKED_WITH = '8.23.0';

/** The TCP (or TLS) socket under an open WebSocket; undefined once ws has released it. */
export function socketOf(ws: WebSocket | undefined): Socket | TLSSocket | undefined {
  const socket = (ws as unknown as { _socket?: Socket | null } | undefined)?._socket;
  return socket ?? undefined;
}

/** The TLS socket under a wss:// WebSocket; undefined for plain ws or a released socket. */
export function tlsSocketOf(ws: WebSocket | undefined): TLSSocket | undefined {
  const socket = socketOf(ws) as TLSSocket | undefined;
  return socket?.encrypted ? socket : undefined;
}

/** The HTTP upgrade request of a client WebSocket that is still connecting (to see whether TCP was reached). */
export function upgradeRequestOf(ws: WebSocket): ClientRequest | undefined {
  return (ws as unknown as { _req?: ClientRequest | null })._req ?? undefined;
}
