/** The 2.0.1/2.1 reference CSMS family: the 2.1 member accepts OCPP 2.1 stations; deltas apply. */
import { afterEach, describe, expect, it } from '@jest/globals';
import WebSocket from 'ws';
import type { OcppVersion } from '../src/core/versions.js';
import type { CsmsPeerModule, ReferenceCsms } from '../src/engine/peer-contract.js';
import { createCsms2 } from '../src/peers/csms/v201/index.js';
import { SchemaRegistry } from '../src/protocol/schemas.js';
import { PeerRegistry } from '../src/wiring/peer-registry.js';
import { testConfig } from './support.js';
import { startCsmsModule } from './csms-start.js';

const schemas = new SchemaRegistry();
const running: ReferenceCsms[] = [];
const sockets: WebSocket[] = [];

afterEach(async () => {
  for (const ws of sockets.splice(0)) ws.terminate();
  for (const c of running.splice(0)) await c.stop();
});

async function start(module: CsmsPeerModule, version: OcppVersion): Promise<ReferenceCsms> {
  const csms = await startCsmsModule(module, version, schemas, testConfig());
  running.push(csms);
  return csms;
}

/** Opens a raw WebSocket as station CP-TEST; resolves with the socket once the handshake is done. */
function dial(url: string, subprotocols: string[]): Promise<WebSocket> {
  const ws = new WebSocket(`${url}/CP-TEST`, subprotocols);
  sockets.push(ws);
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}

/** Sends one CALL and resolves with the answer frame. */
function call(ws: WebSocket, id: string, action: string, payload: object): Promise<unknown[]> {
  return new Promise((resolve) => {
    ws.on('message', (data) => {
      const frame = JSON.parse(data.toString()) as unknown[];
      if (frame[1] === id) resolve(frame);
    });
    ws.send(JSON.stringify([2, id, action, payload]));
  });
}

const BOOT = { reason: 'PowerUp', chargingStation: { model: 'RefModel', vendorName: 'RefVendor' } };

describe('the OCPP 2.1 reference CSMS', () => {
  it('selects ocpp2.1 and answers a 2.1 BootNotification schema-valid', async () => {
    const csms = await start(new PeerRegistry().csms('2.1'), '2.1');
    const ws = await dial(csms.url, ['ocpp2.1']);
    expect(ws.protocol).toBe('ocpp2.1');
    expect(schemas.for('2.1').validate('BootNotification', 'request', BOOT).valid).toBe(true);
    const [type, , answer] = await call(ws, 'boot-1', 'BootNotification', BOOT);
    expect(type).toBe(3);
    const check = schemas.for('2.1').validate('BootNotification', 'response', answer);
    expect(check.violations).toEqual([]);
    expect(check.valid).toBe(true);
    expect(answer).toMatchObject({ status: 'Accepted' });
  });

  it('does not select ocpp2.0.1 for a station that offers only that', async () => {
    const csms = await start(new PeerRegistry().csms('2.1'), '2.1');
    await expect(dial(csms.url, ['ocpp2.0.1'])).rejects.toThrow(/no subprotocol/);
  });
});

describe('the CSMS family', () => {
  it('2.0.1 is the base: it selects ocpp2.0.1', async () => {
    const csms = await start(new PeerRegistry().csms('2.0.1'), '2.0.1');
    const ws = await dial(csms.url, ['ocpp2.1', 'ocpp2.0.1']);
    expect(ws.protocol).toBe('ocpp2.0.1');
  });

  it('a delta adds faults, replaces handlers and changes answers', async () => {
    const module = createCsms2('2.1', {
      faults: { 'delta-only-fault': { block: 'B', description: 'a fault only this version has' } },
      inbound: { Heartbeat: (ctx, p, call, base) => ({ ...(base!(ctx, p, call) as object), currentTime: '2030-01-01T00:00:00Z' }) },
      answers: { BootNotification: (answer) => ({ ...answer, interval: 7 }) },
    });
    expect(module.faults.map((f) => f.name)).toContain('delta-only-fault');
    expect(module.faults.map((f) => f.name)).toContain('boot-no-interval');
    const csms = await start(module, '2.1');
    const ws = await dial(csms.url, ['ocpp2.1']);
    const [, , boot] = await call(ws, 'boot-1', 'BootNotification', BOOT);
    expect(boot).toMatchObject({ status: 'Accepted', interval: 7 });
    const [, , beat] = await call(ws, 'hb-1', 'Heartbeat', {});
    expect(beat).toEqual({ currentTime: '2030-01-01T00:00:00Z' });
  });
});
