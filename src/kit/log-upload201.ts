import net from 'node:net';
import type { Ctx201Cs } from './contexts.js';
import { freshRequestId } from './csms201.js';

/** Log upload destinations that do not behave (one that never answers, one nobody listens on) and GetLog to them (N01 as CSMS). */

/** A loopback TCP server that accepts connections and never answers them: an upload to it stays in progress. */
export interface HoldingServer {
  url(path: string): string;
  /** Connections it is holding now. */
  readonly held: number;
  stop(): Promise<void>;
}

export async function startHoldingServer(): Promise<HoldingServer> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((s) => {
    sockets.add(s);
    s.on('error', () => undefined);
    s.on('close', () => sockets.delete(s));
    s.resume();
  });
  const port = await listen(server);
  return {
    url: (path) => `http://127.0.0.1:${port}${path}`,
    get held() {
      return sockets.size;
    },
    stop: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** An http URL on a loopback port nobody listens on (a port just released): every upload to it is refused. */
export async function refusedLocation(path: string): Promise<string> {
  const server = net.createServer();
  const port = await listen(server);
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}${path}`;
}

function listen(server: net.Server): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve((server.address() as net.AddressInfo).port));
  });
}

/**
 * GetLog DiagnosticsLog to `location(requestId)` with a fresh requestId, its LogStatusNotifications
 * answered from now on. A Rejected request (no diagnostics log available, N01.FR.05) leaves the
 * case inconclusive unless `rejectedIsAnswer`; returns the requestId and the status otherwise.
 */
export async function requestDiagnosticsLog(
  ctx: Ctx201Cs,
  location: (requestId: number) => string,
  requirement: string,
  o: { retries?: number; rejectedIsAnswer?: boolean } = {},
): Promise<{ requestId: number; status: string }> {
  ctx.csms.respondTo('LogStatusNotification', {});
  const requestId = freshRequestId();
  const res = await ctx.csms.call(
    'GetLog',
    {
      logType: 'DiagnosticsLog',
      requestId,
      ...(o.retries === undefined ? {} : { retries: o.retries }),
      log: { remoteLocation: location(requestId) },
    },
    { requirement },
  );
  if (res.status === 'Rejected' && !o.rejectedIsAnswer)
    ctx.inconclusive('the station refused GetLog DiagnosticsLog (no diagnostics log available)');
  return { requestId, status: res.status };
}

/** The LogStatusNotification that ends upload `requestId` (any status but Uploading); returns its status. */
export async function uploadOutcome(ctx: Ctx201Cs, requestId: number, requirement: string): Promise<string> {
  const call = await ctx.csms.expectCall('LogStatusNotification', {
    where: (p) => p.requestId === requestId && p.status !== 'Uploading',
    whereText: `the outcome of upload ${requestId}`,
    within: ctx.waits.twoMessages,
    requirement,
  });
  return call.payload.status;
}
