/**
 * Issue 9, classes 2, 3, 5, 14 and 16: the harness as a peer that behaves like a conformant one.
 * Each test plays the SUT the way a real one did when the harness judged it wrongly.
 */
import { describe, expect, it, afterEach } from '@jest/globals';
import { WebSocket, WebSocketServer } from 'ws';
import type { AddressInfo } from 'node:net';
import { SchemaRegistry } from '../src/protocol/schemas.js';
import { backgroundActions, backgroundAnswer, type BackgroundFacts } from '../src/protocol/background-answers.js';
import { CsmsServer } from '../src/transport/server.js';
import { MockCsms, MockStation, StationGateway } from '../src/roles/roles.js';
import { counterIds } from '../src/core/clock.js';
import type { EndpointOptions } from '../src/roles/endpoint.js';
import type { OcppVersion } from '../src/core/versions.js';

const schemas = new SchemaRegistry();
const facts: BackgroundFacts = { now: () => new Date(0).toISOString(), heartbeatIntervalS: 30, acceptedTokens: ['OK'] };

/** Requests whose answers echo parts of them: a sample each, so the echo is checked too. */
const sampleRequests: Record<string, unknown> = {
  GetVariables: { getVariableData: [{ component: { name: 'OCPPCommCtrlr' }, variable: { name: 'HeartbeatInterval' } }] },
  SetVariables: {
    setVariableData: [{ component: { name: 'OCPPCommCtrlr' }, variable: { name: 'HeartbeatInterval' }, attributeValue: '5' }],
  },
  GetConfiguration: { key: ['HeartbeatInterval'] },
  Authorize: { idTag: 'OK', idToken: { idToken: 'NOPE', type: 'ISO14443' } },
};

function endpointOptions(version: OcppVersion, notes: string[], deviations: string[] = [], afterMs = 150): EndpointOptions {
  return {
    version,
    validator: schemas.for(version),
    recorder: { frame: () => undefined, note: (_k, t) => void notes.push(t) },
    ids: counterIds('h'),
    monotonic: () => performance.now(),
    messageTimeoutMs: 1500,
    defaultRequirement: 'B01.FR.01',
    abort: new AbortController().signal,
    background: { afterMs, facts },
    onSutDeviation: (req, text) => void deviations.push(`${req}: ${text}`),
  };
}

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function listener(version: OcppVersion = '2.0.1'): Promise<{ server: CsmsServer; gateway: StationGateway }> {
  const server = new CsmsServer({ host: '127.0.0.1', port: 0, version, identity: 'CP1', monotonic: () => performance.now() });
  await server.listen();
  cleanups.push(() => server.close());
  return { server, gateway: new StationGateway(server) };
}

/** A station played by a plain `ws` client: it records what the harness sent it. */
async function rawStation(url: string, version: OcppVersion = '2.0.1'): Promise<{ ws: WebSocket; received: unknown[][] }> {
  const ws = new WebSocket(`${url}/CP1`, [`ocpp${version}`]);
  const received: unknown[][] = [];
  ws.on('message', (d) => received.push(JSON.parse(String(d))));
  await new Promise((r, j) => ws.once('open', r).once('error', j));
  cleanups.push(() => ws.close());
  return { ws, received };
}

const until = async (cond: () => boolean, ms = 3000) => {
  const end = Date.now() + ms;
  while (!cond() && Date.now() < end) await new Promise((r) => setTimeout(r, 10));
  return cond();
};

describe('background answers (class 3)', () => {
  for (const version of ['1.6', '2.0.1', '2.1'] as const) {
    for (const answering of ['csms', 'station'] as const) {
      it(`every ${version} ${answering} background answer is valid against its schema`, () => {
        const validator = schemas.for(version);
        for (const action of backgroundActions(version, answering)) {
          const a = backgroundAnswer(version, answering, action, sampleRequests[action] ?? {}, facts);
          expect(a.kind).toBe('result');
          if (a.kind !== 'result') continue;
          const v = validator.validate(action, 'response', a.payload);
          expect({ action, known: v.known, violations: v.violations.map((x) => x.message) }).toEqual({
            action,
            known: true,
            violations: [],
          });
        }
      });
    }
  }

  it('an unknown action gets NotImplemented, a known one without a row NotSupported', () => {
    expect(backgroundAnswer('2.0.1', 'csms', 'NoSuchAction', {}, facts, false)).toMatchObject({
      kind: 'error',
      errorCode: 'NotImplemented',
    });
    expect(backgroundAnswer('2.0.1', 'csms', 'Reset', {}, facts, true)).toMatchObject({ kind: 'error', errorCode: 'NotSupported' });
  });

  it('the mock CSMS answers a station call no step claimed, after the grace period, and says so', async () => {
    const { server, gateway } = await listener();
    const notes: string[] = [];
    const csms = new MockCsms(endpointOptions('2.0.1', notes));
    gateway.attach(csms);
    const st = await rawStation(server.url());
    st.ws.send(JSON.stringify([2, 'a1', 'Authorize', { idToken: { idToken: 'OK', type: 'ISO14443' } }]));
    expect(await until(() => st.received.length > 0)).toBe(true);
    expect(st.received[0]).toEqual([3, 'a1', { idTokenInfo: { status: 'Accepted' } }]);
    expect(notes.some((n) => n.startsWith('background answer: Authorize (a1)'))).toBe(true);
    gateway.detach();
  });

  it('a call a step took is never answered in the background', async () => {
    const { server, gateway } = await listener();
    const csms = new MockCsms(endpointOptions('2.0.1', []));
    gateway.attach(csms);
    const st = await rawStation(server.url());
    st.ws.send(JSON.stringify([2, 'b1', 'BootNotification', { reason: 'PowerUp', chargingStation: { model: 'm', vendorName: 'v' } }]));
    await csms.expectCall('BootNotification', { within: 1000 });
    await new Promise((r) => setTimeout(r, 400));
    expect(st.received).toEqual([]);
    gateway.detach();
  });

  it('a call left unanswered at case end is handed to the next case, which answers it', async () => {
    const { server, gateway } = await listener();
    const first = new MockCsms(endpointOptions('2.0.1', [], [], 5000));
    gateway.attach(first);
    const st = await rawStation(server.url());
    st.ws.send(JSON.stringify([2, 'c1', 'Heartbeat', {}]));
    await until(() => first.receivedCalls().length > 0);
    gateway.detach();
    const second = new MockCsms(endpointOptions('2.0.1', []));
    gateway.attach(second);
    expect(await until(() => st.received.length > 0)).toBe(true);
    expect(st.received[0]).toEqual([3, 'c1', { currentTime: facts.now() }]);
    gateway.detach();
  });
});

describe('connection-bound expectations (class 14) and Booted per station (class 5)', () => {
  it("a call sent on the station's previous connection does not satisfy a step about the new one", async () => {
    const { server, gateway } = await listener();
    const csms = new MockCsms(endpointOptions('2.0.1', [], [], 5000));
    gateway.attach(csms);
    const old = await rawStation(server.url());
    old.ws.send(
      JSON.stringify([2, 's1', 'StatusNotification', { timestamp: facts.now(), connectorStatus: 'Available', evseId: 1, connectorId: 1 }]),
    );
    await until(() => csms.receivedCalls().length === 1);
    old.ws.close();
    await until(() => csms.connection === undefined);
    await rawStation(server.url());
    await until(() => csms.connection !== undefined);
    await expect(csms.expectCall('StatusNotification', { within: 300 })).rejects.toThrow(/StatusNotification/);
    const any = await csms.expectCall('StatusNotification', { within: 300, anyConnection: true });
    expect(any.messageId).toBe('s1');
    gateway.detach();
  });

  it('a station that reconnects without a BootNotification stays booted; a new boot is awaited again', async () => {
    const { server, gateway } = await listener();
    const first = new MockCsms(endpointOptions('2.0.1', []));
    gateway.attach(first);
    const a = await rawStation(server.url());
    a.ws.send(JSON.stringify([2, 'b1', 'BootNotification', { reason: 'PowerUp', chargingStation: { model: 'm', vendorName: 'v' } }]));
    const boot = await first.bootOrRunning({ within: 1000, quietMs: 200, requirement: 'B01.FR.01' });
    expect(boot?.messageId).toBe('b1');
    if (boot) await first.reply(boot, { currentTime: facts.now(), interval: 30, status: 'Accepted' });
    expect(first.booted).toBe(true);
    a.ws.close();
    gateway.detach();

    const second = new MockCsms(endpointOptions('2.0.1', []));
    gateway.attach(second);
    const b = await rawStation(server.url());
    b.ws.send(JSON.stringify([2, 'h1', 'Heartbeat', {}]));
    await until(() => second.receivedCalls().length === 1);
    expect(second.booted).toBe(true);
    expect(await second.bootOrRunning({ within: 1000, quietMs: 200, requirement: 'B01.FR.01' })).toBeUndefined();
    b.ws.send(JSON.stringify([2, 'b2', 'BootNotification', { reason: 'PowerUp', chargingStation: { model: 'm', vendorName: 'v' } }]));
    await until(() => second.receivedCalls().length === 2);
    expect(second.booted).toBe(false);
    gateway.detach();
  });

  it('a station already running when the run starts (connected, quiet) is booted', async () => {
    const { server, gateway } = await listener();
    const notes: string[] = [];
    const csms = new MockCsms(endpointOptions('2.0.1', notes));
    gateway.attach(csms);
    await rawStation(server.url());
    await until(() => csms.connection !== undefined);
    expect(await csms.bootOrRunning({ within: 2000, quietMs: 200, requirement: 'B01.FR.01' })).toBeUndefined();
    expect(notes.some((n) => n.includes('taken to be running already'))).toBe(true);
    gateway.detach();
  });
});

describe('one CALL in flight per direction (classes 2 and 16)', () => {
  it('the harness never has two CALLs outstanding on one connection', async () => {
    const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, handleProtocols: () => 'ocpp2.0.1' });
    cleanups.push(() => new Promise<void>((r) => wss.close(() => r())));
    await new Promise((r) => wss.once('listening', r));
    let outstanding = 0;
    let maxOutstanding = 0;
    wss.on('connection', (ws) => {
      ws.on('message', (d) => {
        const [, id] = JSON.parse(String(d)) as [number, string];
        outstanding++;
        maxOutstanding = Math.max(maxOutstanding, outstanding);
        // A CSMS that takes its time: the second call must wait for this answer.
        setTimeout(() => {
          outstanding--;
          ws.send(JSON.stringify([3, id, { currentTime: facts.now() }]));
        }, 50);
      });
    });
    const url = `ws://127.0.0.1:${(wss.address() as AddressInfo).port}`;
    const station = new MockStation(endpointOptions('2.0.1', []), { target: url, identity: 'CP1', connectMs: 2000 });
    await station.connect();
    cleanups.push(() => station.disconnectAll());
    await Promise.all([station.call('Heartbeat', {}), station.call('Heartbeat', {}), station.call('Heartbeat', {})]);
    expect(maxOutstanding).toBe(1);
  });

  it('a station sending a second CALL before the first is answered is reported (SHOULD: pass-non-strict)', async () => {
    const { server, gateway } = await listener();
    const deviations: string[] = [];
    const csms = new MockCsms(endpointOptions('2.0.1', [], deviations, 1000));
    gateway.attach(csms);
    const st = await rawStation(server.url());
    st.ws.send(JSON.stringify([2, 'x1', 'Heartbeat', {}]));
    st.ws.send(JSON.stringify([2, 'x2', 'Heartbeat', {}]));
    expect(await until(() => deviations.length > 0)).toBe(true);
    expect(deviations[0]).toMatch(/^OCPPJ20-4\.1\.1: .*x2.*x1/);
    gateway.detach();
  });
});
