import net from 'node:net';

/** Log upload destinations that do not behave: one that never answers, one nobody listens on (N01 as CSMS). */

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
