/**
 * Shared bits of the independent judges: small stations and CSMSs built on ocpp-rpc (an OCPP-J
 * library we did not write, with its own framing, queueing and strict schema validation). They
 * are configured unlike our reference peers on purpose (heartbeat interval, boot answers, EVSE
 * layout, answer order) so that an assumption shared by our cases and our peers shows up here.
 */
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import type { SutConfig } from '../../src/core/config.js';
import type { ActionOutcome, ManualAction } from '../../src/core/manual-actions.js';
import type { ReferenceCsms } from '../../src/engine/peer-contract.js';

const require = createRequire(import.meta.url);
// ocpp-rpc ships no types usable from ESM: its objects are typed loosely.
export const { RPCServer, RPCClient, createRPCError } = require('ocpp-rpc') as { RPCServer: any; RPCClient: any; createRPCError: any };
export type Rpc = any;
export type Payload = Record<string, any>;

export const now = () => new Date().toISOString();

/** 1.6 / 2.0.1 identities: printable, no colon or slash (OCPP-J 3.1 / 2.0.1 part 4 §3.1). */
export const IDENTITY = /^[A-Za-z0-9*\-_=+|@.]{1,48}$/;

/** The authorization status the independent CSMS gives a token (the config's token table). */
export function tokenStatus(config: SutConfig, token: string): string {
  const ids = config.ids;
  if (token === ids.invalidIdToken.idToken) return 'Invalid';
  if (token === ids.blockedIdToken.idToken) return 'Blocked';
  if (token === ids.expiredIdToken.idToken) return 'Expired';
  return token === ids.validIdToken.idToken ? 'Accepted' : 'Invalid';
}

export function intOf(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isInteger(v) ? v : typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : undefined;
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * ocpp-rpc's own listen() decodes the identity with decodeURIComponent outside any try, so a
 * request with broken percent-encoding throws out of the HTTP server (an uncaught URIError).
 * Known library deviation; our judge serves the upgrade itself and answers 400 for such paths.
 */
export async function listenGuarded(server: Rpc, port: number, host: string): Promise<import('node:http').Server> {
  const { createServer } = await import('node:http');
  const http = createServer((_req, res) => res.writeHead(404).end());
  http.on('upgrade', (req, socket, head) => {
    try {
      decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    } catch {
      socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    server.handleUpgrade(req, socket, head);
  });
  await new Promise<void>((r) => http.listen(port, host, () => r()));
  return http;
}

/**
 * A new connection for an identity that already has a session: the old one keeps it if it still
 * answers a ping (the newcomer gets 409), otherwise it is dropped and the newcomer accepted. Both
 * OCPP-J versions leave this to the CSMS; this keeps a live station from being displaced and a
 * half-open one from locking its station out.
 */
export async function liveSession(existing: Rpc | undefined, withinMs: number): Promise<boolean> {
  const ws = existing?._ws;
  if (!ws || ws.readyState !== 1) return false;
  const answered = await new Promise<boolean>((resolve) => {
    const timer = setTimeout(() => resolve(false), withinMs);
    ws.once('pong', () => {
      clearTimeout(timer);
      resolve(true);
    });
    try {
      ws.ping();
    } catch {
      resolve(false);
    }
  });
  if (!answered) ws.terminate();
  return answered;
}

/**
 * HTTP Basic credentials of the judge CSMSs (profile 1/2). ocpp-rpc hands over the password only
 * when the user name equals the identity; a missing or wrong one is refused with 401 before the
 * upgrade. A password the CSMS announced in a change the station accepted replaces the old one.
 */
export class Passwords {
  private readonly current = new Map<string, string>();
  private readonly announced = new Map<string, string>();

  constructor(private readonly initial: string | undefined) {}

  get required(): boolean {
    return this.initial !== undefined;
  }

  fits(identity: string, password: Buffer | undefined): boolean {
    if (!this.required) return true;
    return password !== undefined && password.toString('utf8') === (this.current.get(identity) ?? this.initial);
  }

  announce(identity: string, password: string): void {
    this.announced.set(identity, password);
  }

  /** The station answered the change: Accepted makes the announced password the only valid one. */
  settle(identity: string, accepted: boolean): void {
    const next = this.announced.get(identity);
    this.announced.delete(identity);
    if (accepted && next !== undefined) this.current.set(identity, next);
  }
}

/**
 * The judge CSMS's listener: strict mode, credentials, identity and subprotocol checked before the
 * upgrade, and a live session for the identity kept (see liveSession).
 */
export function judgeServer(
  o: { basicAuthPassword?: string; config: { timeouts: { messageMs: number } } },
  protocol: string,
  sessionOf: (identity: string) => Rpc | undefined,
): { server: Rpc; passwords: Passwords } {
  const passwords = new Passwords(o.basicAuthPassword);
  const server = new RPCServer({ protocols: [protocol], strictMode: true, callTimeoutMs: o.config.timeouts.messageMs * 3 });
  server.auth(async (accept: () => void, reject: (code: number, msg?: string) => void, handshake: Payload) => {
    if (!passwords.fits(handshake.identity, handshake.password)) return reject(401, 'Basic credentials missing or wrong');
    if (!IDENTITY.test(handshake.identity)) return reject(400, 'invalid station identity');
    // No mutual subprotocol: refused with a 4xx (OCPP-J 1.6 §3.2 / 2.0.1 §3.1.2 also allow a 101 without one and a close).
    if (!handshake.protocols.has(protocol)) return reject(400, `${protocol} not offered`);
    if (await liveSession(sessionOf(handshake.identity), 1000)) return reject(409, 'identity already connected');
    accept();
  });
  server.on('error', () => undefined);
  return { server, passwords };
}

/** A session the server accepted becomes the station's (replacing a dead one); forgotten when it closes. */
export function adopt(s: { client?: Rpc }, client: Rpc): void {
  if (s.client && s.client !== client) s.client.close({ code: 1000, force: true }).catch(() => undefined);
  s.client = client;
  client.on('error', () => undefined);
  client.on('close', () => {
    if (s.client === client) s.client = undefined;
  });
}

/**
 * The judge station's client: plain WebSocket (the judges take no part in profiles 2/3), strict
 * mode, no automatic reconnect (the station dials again itself).
 */
export function dial(
  o: { target: string; identity: string; config: { timeouts: { messageMs: number } } },
  protocol: string,
  password: string | undefined,
  pingIntervalMs = 0,
): Rpc {
  const c = new RPCClient({
    endpoint: o.target,
    identity: o.identity,
    password,
    protocols: [protocol],
    strictMode: true,
    reconnect: false,
    callTimeoutMs: o.config.timeouts.messageMs * 2,
    pingIntervalMs,
  });
  c.on('error', () => undefined);
  return c;
}

/** The running judge CSMS as the harness sees it: its URL, its operator, and a stop that closes both servers. */
export function running(
  server: Rpc,
  http: import('node:http').Server,
  host: string,
  perform: (a: ManualAction) => Promise<ActionOutcome>,
): ReferenceCsms {
  const port = (http.address() as AddressInfo).port;
  return {
    url: `ws://${host}:${port}`,
    perform,
    stop: async () => {
      await server.close({ force: true, awaitPending: false });
      await new Promise((r) => http.close(r));
    },
  };
}
