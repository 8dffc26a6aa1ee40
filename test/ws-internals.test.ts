import { createRequire } from 'node:module';
import { Socket } from 'node:net';
import { TLSSocket } from 'node:tls';
import https from 'node:https';
import { AddressInfo } from 'node:net';
import WebSocket, { WebSocketServer } from 'ws';
import { referencePkiDir, loadTlsMaterial, serverTlsOptions, clientTlsOptions } from '../src/transport/tls.js';
import { socketOf, tlsSocketOf, WS_INTERNALS_CHECKED_WITH } from '../src/transport/ws-internals.js';

/** Pins the private `ws` fields src/transport/ws-internals.ts reads; an upgrade of `ws` must re-check them. */
describe('ws internals', () => {
  it('were checked against the installed ws version', () => {
    const pkg = createRequire(import.meta.url)('ws/package.json') as { version: string };
    expect(pkg.version).toBe(WS_INTERNALS_CHECKED_WITH);
  });

  it('expose the TCP socket of an open plain WebSocket on both ends', async () => {
    const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await new Promise((r) => wss.once('listening', r));
    const serverSide = new Promise<WebSocket>((r) => wss.once('connection', r));
    const client = new WebSocket(`ws://127.0.0.1:${(wss.address() as AddressInfo).port}`);
    await new Promise((r) => client.once('open', r));
    const server = await serverSide;
    expect(socketOf(client)).toBeInstanceOf(Socket);
    expect(socketOf(server)).toBeInstanceOf(Socket);
    expect(tlsSocketOf(client)).toBeUndefined();
    client.close();
    await new Promise((r) => client.once('close', r));
    await new Promise((r) => wss.close(r));
  });

  it('expose the TLS socket of an open wss WebSocket', async () => {
    const material = loadTlsMaterial(await referencePkiDir('CP001'), 2);
    const httpsServer = https.createServer(serverTlsOptions(material));
    const wss = new WebSocketServer({ server: httpsServer });
    await new Promise<void>((r) => httpsServer.listen(0, '127.0.0.1', r));
    const url = `wss://localhost:${(httpsServer.address() as AddressInfo).port}`;
    const client = new WebSocket(url, clientTlsOptions(material, url));
    await new Promise((r, j) => (client.once('open', r), client.once('error', j)));
    const socket = tlsSocketOf(client);
    expect(socket).toBeInstanceOf(TLSSocket);
    expect(socket?.getPeerCertificate().raw).toBeInstanceOf(Buffer);
    client.close();
    await new Promise((r) => client.once('close', r));
    await new Promise((r) => wss.close(r));
    await new Promise((r) => httpsServer.close(r));
  });
});
