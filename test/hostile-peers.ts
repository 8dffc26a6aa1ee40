/** Hostile 2.0.1 peers on loopback for robustness, caps and masking tests: they do what `behave` says. */
import http from 'node:http';
import WebSocket, { WebSocketServer } from 'ws';
import type { CsmsPeerModule, StationPeerModule, ReferencePeer, ReferenceCsms } from '../src/engine/peer-contract.js';

/** A peer that does nothing when asked. */
export const idlePeer: ReferencePeer = { perform: async () => ({ done: false, reason: 'hostile peer' }), stop: async () => undefined };

/** A "station" that connects (speaking `version`, 2.0.1 by default) and then does what `behave` says. */
export function hostileStation(behave: (ws: WebSocket) => void, version: '1.6' | '2.0.1' = '2.0.1'): StationPeerModule {
  return {
    version,
    faults: [],
    async start(o) {
      const ws = new WebSocket(`${o.target}/${o.identity}`, [`ocpp${version}`]);
      ws.on('error', () => undefined);
      ws.on('open', () => behave(ws));
      return { ...idlePeer, stop: async () => ws.terminate() };
    },
  };
}

/** A "CSMS" whose accepted connections do what `behave` says; `refuse` answers the upgrade with an HTTP error. */
export function hostileCsms(behave: (ws: WebSocket) => void, refuse?: number): CsmsPeerModule {
  return {
    version: '2.0.1',
    faults: [],
    async start(): Promise<ReferenceCsms> {
      const server = http.createServer();
      const wss = new WebSocketServer({ noServer: true });
      server.on('upgrade', (req, socket, head) => {
        if (refuse) {
          socket.end(`HTTP/1.1 ${refuse} Nope\r\nContent-Length: 0\r\n\r\n`);
          return;
        }
        wss.handleUpgrade(req, socket, head, (ws) => behave(ws));
      });
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
      const port = (server.address() as { port: number }).port;
      return {
        url: `ws://127.0.0.1:${port}/ocpp`,
        perform: idlePeer.perform,
        stop: async () => {
          for (const c of wss.clients) c.terminate();
          server.closeAllConnections();
          await new Promise<void>((r) => server.close(() => r()));
        },
      };
    },
  };
}
