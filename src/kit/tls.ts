import type { AnyCaseContext } from './contexts.js';
import type { MockCsms } from '../roles/roles.js';
import type { OcppConnection } from '../transport/connection.js';
import type { ConnectionAttempt } from '../transport/server.js';
import type { TLSSocket } from 'node:tls';
import { reconnectWindow } from './security-profiles.js';

export { OCPP_SUITES, describeProbe, isInsecureSuite } from '../transport/tls-hello.js';

/**
 * TLS as cases see it: the station's TLS connection attempts to the mock CSMS (ClientHello,
 * outcome), the session a harness-station connection negotiated, and the cipher suites OCPP
 * allows.
 */

/** The TLS attempts of this case from index `from` on that used TLS. */
export function tlsAttemptsSince(csms: MockCsms, from: number): ConnectionAttempt[] {
  return csms.attempts.slice(from).filter((a) => a.transport === 'tls');
}

/** Waits for the station's next TLS connection attempt after `from` attempts (whatever its outcome). */
export function expectTlsAttemptAfter(
  ctx: AnyCaseContext,
  from: number,
  requirement: string,
  expected: string,
): Promise<ConnectionAttempt> {
  return ctx.csms.expectTlsAttempt({
    after: from,
    within: reconnectWindow(ctx.config),
    where: (a) => a.transport === 'tls',
    requirement,
    expected,
  });
}

/** Protocol and cipher (IANA name) of a harness-station connection; undefined for plain ws://. */
export function clientTlsSession(conn: OcppConnection | undefined): { protocol: string; cipher: string } | undefined {
  const socket = (conn?.ws as unknown as { _socket?: TLSSocket } | undefined)?._socket;
  if (!socket?.encrypted) return undefined;
  return { protocol: socket.getProtocol() ?? 'unknown', cipher: socket.getCipher()?.standardName ?? 'unknown' };
}
