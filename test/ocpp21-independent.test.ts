/**
 * OCPP 2.1 end to end against an implementation we did not write: a station and a CSMS built on
 * ocpp-rpc (non-strict: its strict mode looks 2.1 schemas up under ids its 2.1 file does not use,
 * so every payload here is checked with our own 2.1 validator instead). Boot, a transaction, and
 * a SEND (NotifyPeriodicEventStream), which ocpp-rpc 2.2 does not know: the independent station
 * writes it as a raw frame, and watches that nothing answers it.
 */
import { afterEach, describe, expect, it } from '@jest/globals';
import type { AddressInfo } from 'node:net';
import { counterIds, systemClock } from '../src/core/clock.js';
import type { ReferencePeer } from '../src/engine/peer-contract.js';
import { SchemaRegistry } from '../src/protocol/schemas.js';
import { PeerRegistry } from '../src/wiring/peer-registry.js';
import { RPCClient, RPCServer, listenGuarded, type Payload, type Rpc } from './independent/common.js';
import { testConfig } from './support.js';
import { startCsmsModule } from './csms-start.js';

const schemas = new SchemaRegistry();
const v21 = schemas.for('2.1');
const cleanups: (() => Promise<unknown> | unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const config = testConfig();
const token = config.ids.validIdToken.idToken;
const idToken = { idToken: token, type: 'ISO14443' };
const now = () => new Date().toISOString();

/** Fails the test with the violations when a payload is not valid 2.1. */
function valid(action: string, direction: 'request' | 'response', payload: unknown): void {
  const r = v21.validate(action, direction, payload);
  expect({ action, direction, violations: r.violations }).toEqual({ action, direction, violations: [] });
  expect(r.known).toBe(true);
}

const waitFor = async (cond: () => boolean, ms = 5000) => {
  const end = Date.now() + ms;
  while (!cond() && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
  return cond();
};

describe('OCPP 2.1 with an independent station (ocpp-rpc) against the 2.1 reference CSMS', () => {
  it('boots, runs a transaction and sends a periodic event stream that is never answered', async () => {
    const csms = await startCsmsModule(new PeerRegistry().csms('2.1'), '2.1', schemas, config);
    cleanups.push(() => csms.stop());
    const station: Rpc = new RPCClient({
      endpoint: csms.url,
      identity: config.stationId,
      protocols: ['ocpp2.1'],
      strictMode: false,
      reconnect: false,
    });
    cleanups.push(() => station.close({ force: true }));
    const inbound: unknown[][] = [];
    station.on('message', ({ message, outbound }: { message: string; outbound: boolean }) => {
      if (!outbound) inbound.push(JSON.parse(String(message)) as unknown[]);
    });
    await station.connect();
    expect(station.protocol).toBe('ocpp2.1');
    const call = async (action: string, payload: Payload): Promise<Payload> => {
      valid(action, 'request', payload);
      const answer = (await station.call(action, payload)) as Payload;
      valid(action, 'response', answer);
      return answer;
    };

    const boot = await call('BootNotification', { reason: 'PowerUp', chargingStation: { model: 'Indie21', vendorName: 'Elsewhere' } });
    expect(boot.status).toBe('Accepted');
    await call('StatusNotification', { timestamp: now(), connectorStatus: 'Available', evseId: 1, connectorId: 1 });

    const auth = await call('Authorize', { idToken });
    expect(auth.idTokenInfo.status).toBe('Accepted');
    const tx = { transactionId: 'indie-21-tx-1' };
    const evse = { id: 1, connectorId: 1 };
    const started = await call('TransactionEvent', {
      eventType: 'Started',
      timestamp: now(),
      triggerReason: 'Authorized',
      seqNo: 0,
      transactionInfo: { ...tx, chargingState: 'EVConnected' },
      evse,
      idToken,
    });
    expect(started.idTokenInfo?.status).toBe('Accepted');
    await call('TransactionEvent', {
      eventType: 'Updated',
      timestamp: now(),
      triggerReason: 'ChargingStateChanged',
      seqNo: 1,
      transactionInfo: { ...tx, chargingState: 'Charging' },
      meterValue: [{ timestamp: now(), sampledValue: [{ value: 1200, measurand: 'Energy.Active.Import.Register' }] }],
    });
    await call('TransactionEvent', {
      eventType: 'Ended',
      timestamp: now(),
      triggerReason: 'StopAuthorized',
      seqNo: 2,
      transactionInfo: { ...tx, stoppedReason: 'Local' },
      idToken,
    });

    // N11-N15: open a stream, SEND its data twice, close it. A SEND is never answered.
    const stream = { id: 4, variableMonitoringId: 12, params: { interval: 1, values: 2 } };
    const opened = await call('OpenPeriodicEventStream', { constantStreamData: stream });
    expect(opened.status).toBe('Accepted');
    const sends = ['send-21-a', 'send-21-b'];
    for (const [i, id] of sends.entries()) {
      const payload = {
        id: stream.id,
        pending: sends.length - 1 - i,
        basetime: now(),
        data: [
          { t: 0, v: `${i}` },
          { t: 0.5, v: '7.5' },
        ],
      };
      valid('NotifyPeriodicEventStream', 'request', payload);
      station.sendRaw(JSON.stringify([6, id, 'NotifyPeriodicEventStream', payload]));
    }
    // The session goes on (a call after the SENDs is answered), and nothing ever answered a SEND.
    const beat = await call('Heartbeat', {});
    expect(typeof beat.currentTime).toBe('string');
    await new Promise((r) => setTimeout(r, 300));
    expect(inbound.filter((f) => sends.includes(f[1] as string))).toEqual([]);
    await call('ClosePeriodicEventStream', { id: stream.id });
  });
});

describe('OCPP 2.1 with an independent CSMS (ocpp-rpc) against the 2.1 reference station', () => {
  it('boots and runs a remotely started and stopped transaction, every message valid 2.1', async () => {
    const server: Rpc = new RPCServer({ protocols: ['ocpp2.1'], strictMode: false });
    const seen: { action: string; params: Payload }[] = [];
    let client: Rpc | undefined;
    server.on('client', (c: Rpc) => {
      client = c;
      c.handle(({ method, params }: { method: string; params: Payload }) => {
        valid(method, 'request', params);
        seen.push({ action: method, params });
        const answers: Record<string, Payload> = {
          BootNotification: { status: 'Accepted', currentTime: now(), interval: 600 },
          Heartbeat: { currentTime: now() },
          Authorize: { idTokenInfo: { status: 'Accepted' } },
          TransactionEvent: params.idToken ? { idTokenInfo: { status: 'Accepted' } } : {},
        };
        const answer = answers[method] ?? {};
        valid(method, 'response', answer);
        return answer;
      });
    });
    const http = await listenGuarded(server, 0, '127.0.0.1');
    cleanups.push(() => new Promise((r) => http.close(r)));
    cleanups.push(() => server.close({ force: true }));
    const port = (http.address() as AddressInfo).port;
    const station: ReferencePeer = await new PeerRegistry().station('2.1').start({
      version: '2.1',
      validator: v21,
      faults: new Set(),
      config,
      clock: systemClock,
      ids: counterIds('cs'),
      target: `ws://127.0.0.1:${port}`,
      identity: config.stationId,
    });
    cleanups.push(() => station.stop());
    expect(await waitFor(() => seen.some((s) => s.action === 'BootNotification') && client !== undefined)).toBe(true);
    expect(client?.protocol).toBe('ocpp2.1');

    const csmsCall = async (action: string, payload: Payload): Promise<Payload> => {
      valid(action, 'request', payload);
      const answer = (await client?.call(action, payload)) as Payload;
      valid(action, 'response', answer);
      return answer;
    };
    // The EV is plugged in first: the station's transaction may start on EVConnected (TxStartPoint).
    const plugged = await station.perform({
      action: 'plugIn',
      params: { evseId: 1, connectorId: 1 },
      instruction: 'plug in',
      caseId: 'jest',
    });
    expect(plugged).toEqual({ done: true });
    const txEvents = () => seen.filter((s) => s.action === 'TransactionEvent').map((s) => s.params);
    const start = await csmsCall('RequestStartTransaction', { evseId: 1, remoteStartId: 2101, idToken });
    expect(start.status).toBe('Accepted');
    expect(await waitFor(() => txEvents().some((e) => e.transactionInfo?.remoteStartId === 2101))).toBe(true);
    const transactionId = txEvents().find((e) => e.transactionInfo?.remoteStartId === 2101)?.transactionInfo.transactionId as string;
    const stop = await csmsCall('RequestStopTransaction', { transactionId });
    expect(stop.status).toBe('Accepted');
    expect(await waitFor(() => txEvents().some((e) => e.eventType === 'Ended' && e.transactionInfo.transactionId === transactionId))).toBe(
      true,
    );
  });
});
