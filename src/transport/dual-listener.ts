import http from 'node:http';
import net from 'node:net';
import tls from 'node:tls';
import { firstRecordLength, looksLikeTls, parseClientHello, type ClientHelloInfo } from './tls-hello.js';
import { describeServerSocket, type TlsSessionInfo } from './tls.js';

/** One TCP connection to a listener: plain HTTP or a TLS handshake, and how it ended. */
export interface ConnectionAttempt {
  /** 1, 2, 3 ... per listener. */
  index: number;
  /** Monotonic ms when the first bytes arrived. */
  at: number;
  remote: string;
  transport: 'tls' | 'plain';
  /** What the peer offered (TLS only); undefined when the hello could not be read. */
  clientHello?: ClientHelloInfo;
  /** secure: the TLS handshake completed; failed: it did not; plain: no TLS. */
  outcome: 'secure' | 'failed' | 'plain';
  /** Why the handshake failed, as OpenSSL says it (a peer's alert shows as "... alert ..."). */
  error?: string;
  /** The negotiated session (and client certificate when one was asked for). */
  session?: TlsSessionInfo;
}

/** TLS settings for one incoming connection; undefined refuses TLS on this listener. */
export interface TlsChoice {
  options: tls.SecureContextOptions;
  requestCert: boolean;
}

export interface DualListenerOptions {
  /** Chosen per connection, after its ClientHello was read (so a case may switch certificates). */
  tlsFor: (hello: ClientHelloInfo | undefined) => TlsChoice | undefined;
  onAttempt?: (a: ConnectionAttempt) => void;
  monotonic: () => number;
  /** Longest wait for the first TLS record, ms. */
  helloTimeoutMs?: number;
}

const MAX_RECORD = 5 + 16 * 1024 + 2048;

/**
 * A listener that serves ws:// and wss:// on one port: it reads the first bytes of each
 * connection, records the ClientHello (TLS-10), and hands the socket to TLS or straight to the
 * HTTP server. Profile upgrades and downgrades can then be observed on the same URL, and a case
 * can change the certificate or TLS versions the next connection gets.
 */
export class DualListener {
  readonly http: http.Server;
  private readonly net: net.Server;
  private readonly sockets = new Set<net.Socket>();
  private count = 0;
  /** TLS sockets whose attempt is reported once their first HTTP request arrives. */
  private readonly awaitingRequest = new Map<object, () => void>();

  constructor(private readonly o: DualListenerOptions) {
    this.http = http.createServer();
    const requested = (req: http.IncomingMessage) => {
      const done = this.awaitingRequest.get(req.socket);
      this.awaitingRequest.delete(req.socket);
      done?.();
    };
    // Registered before the owner's handlers, so the attempt is reported before the upgrade is judged.
    this.http.on('upgrade', requested);
    this.http.on('request', requested);
    this.net = net.createServer((socket) => this.onSocket(socket));
  }

  private onSocket(socket: net.Socket): void {
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    const at = this.o.monotonic();
    const remote = `${socket.remoteAddress}:${socket.remotePort}`;
    let buf = Buffer.alloc(0);
    const timer = setTimeout(() => socket.destroy(), this.o.helloTimeoutMs ?? 10_000);
    const onData = (d: Buffer) => {
      buf = Buffer.concat([buf, d]);
      if (!looksLikeTls(buf)) return handOver('plain');
      const need = firstRecordLength(buf);
      if (need === undefined || (buf.length < need && buf.length < MAX_RECORD)) return;
      handOver('tls');
    };
    const handOver = (transport: 'tls' | 'plain') => {
      clearTimeout(timer);
      socket.off('data', onData);
      socket.pause();
      socket.unshift(buf);
      const index = ++this.count;
      if (transport === 'plain') {
        this.o.onAttempt?.({ index, at, remote, transport, outcome: 'plain' });
        this.http.emit('connection', socket);
        socket.resume();
        return;
      }
      const hello = parseClientHello(buf);
      const choice = this.o.tlsFor(hello);
      if (!choice) {
        this.o.onAttempt?.({
          index,
          at,
          remote,
          transport,
          clientHello: hello,
          outcome: 'failed',
          error: 'this listener serves no TLS (security profile 0/1)',
        });
        socket.destroy();
        return;
      }
      let secureContext: tls.SecureContext;
      try {
        secureContext = tls.createSecureContext(choice.options);
      } catch (e) {
        this.o.onAttempt?.({
          index,
          at,
          remote,
          transport,
          clientHello: hello,
          outcome: 'failed',
          error: `harness: cannot build the TLS context: ${(e as Error).message}`,
        });
        socket.destroy();
        return;
      }
      const t = new tls.TLSSocket(socket, { isServer: true, secureContext, requestCert: choice.requestCert, rejectUnauthorized: false });
      let reported = false;
      const report = (a: Omit<ConnectionAttempt, 'index' | 'at' | 'remote' | 'transport' | 'clientHello'>) => {
        this.awaitingRequest.delete(t);
        if (reported) return;
        reported = true;
        this.o.onAttempt?.({ index, at, remote, transport, clientHello: hello, ...a });
      };
      // A peer that stalls mid-handshake must not hold a socket for ever.
      const handshakeTimer = setTimeout(
        () => t.destroy(new Error('the TLS handshake did not complete in time')),
        this.o.helloTimeoutMs ?? 10_000,
      );
      handshakeTimer.unref();
      t.on('close', () => clearTimeout(handshakeTimer));
      t.on('error', (e) => {
        report({ outcome: 'failed', error: e.message });
        t.destroy();
      });
      let session: TlsSessionInfo | undefined;
      t.on('close', () =>
        report(
          session
            ? {
                outcome: 'failed',
                error:
                  'the peer closed the connection right after the TLS handshake without sending an HTTP request (a client that rejects the certificate after the handshake does this)',
                session,
              }
            : { outcome: 'failed', error: 'the peer closed the connection during the TLS handshake' },
        ),
      );
      t.on('secure', () => {
        clearTimeout(handshakeTimer);
        // A TLSSocket built by hand does not judge the client certificate; do what tls.Server does.
        if (choice.requestCert) {
          const internals = t as unknown as {
            _handle?: { verifyError?: () => (Error & { code?: string }) | null };
            authorized: boolean;
            authorizationError?: string;
          };
          const err = internals._handle?.verifyError?.() ?? null;
          if (err) internals.authorizationError = err.code ?? err.message;
          else internals.authorized = true;
        }
        if (t.destroyed) return;
        session = describeServerSocket(t, choice.requestCert);
        // Secure only once the peer sends its HTTP request: a client that rejects our certificate
        // after the handshake (TLS 1.3, or verification in application code) just closes.
        this.awaitingRequest.set(t, () => report({ outcome: 'secure', session }));
        setTimeout(() => this.awaitingRequest.get(t)?.(), this.o.helloTimeoutMs ?? 10_000).unref();
        this.http.emit('connection', t);
      });
    };
    socket.on('data', onData);
  }

  async listen(port: number, host: string): Promise<number> {
    await new Promise<void>((resolve, reject) => {
      this.net.once('error', reject);
      this.net.listen(port, host, () => {
        this.net.off('error', reject);
        resolve();
      });
    });
    return this.port;
  }

  get port(): number {
    return (this.net.address() as net.AddressInfo).port;
  }

  async close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    this.http.closeAllConnections?.();
    await new Promise<void>((resolve) => this.net.close(() => resolve()));
  }
}
