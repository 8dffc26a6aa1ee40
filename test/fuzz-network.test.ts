/** The fuzzer against peers on loopback, and the harness's own mocks under the fuzzer's output. */
import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket, { WebSocketServer } from 'ws';
import { runFuzz } from '../src/fuzz/driver.js';
import { referenceTarget } from '../src/fuzz/targets.js';
import { fuzzPlan } from '../src/fuzz/plan.js';
import { SchemaRegistry } from '../src/protocol/schemas.js';
import { PeerRegistry } from '../src/wiring/peer-registry.js';
import { counterIds, systemClock } from '../src/core/clock.js';
import { CsmsServer } from '../src/transport/server.js';
import { MockCsms, MockStation, StationGateway } from '../src/roles/roles.js';
import { testConfig } from './support.js';

const schemas = new SchemaRegistry();
const tmp = () => mkdtempSync(join(tmpdir(), 'fuzz-'));

async function fuzzReference(seed: string, record: string, count: number) {
  const config = testConfig();
  const target = await referenceTarget({
    sut: 'csms',
    version: '2.0.1',
    config,
    peers: new PeerRegistry(),
    validator: schemas.for('2.0.1'),
    clock: systemClock,
    ids: counterIds(),
  });
  return runFuzz({
    version: '2.0.1',
    seed,
    count,
    durationMs: 60_000,
    messageMs: 300,
    validator: schemas.for('2.0.1'),
    target,
    recordFile: record,
  });
}

describe('fuzz driver', () => {
  it('sends byte-identical frames for one seed, and different ones for another', async () => {
    const dir = tmp();
    const a = await fuzzReference('seed-1', join(dir, 'a.txt'), 40);
    await fuzzReference('seed-1', join(dir, 'b.txt'), 40);
    const c = await fuzzReference('seed-2', join(dir, 'c.txt'), 40);
    expect(a.mutations).toBe(40);
    expect(readFileSync(join(dir, 'a.txt'), 'utf8')).toBe(readFileSync(join(dir, 'b.txt'), 'utf8'));
    expect(readFileSync(join(dir, 'a.txt'), 'utf8')).not.toBe(readFileSync(join(dir, 'c.txt'), 'utf8'));
    expect(readFileSync(join(dir, 'a.txt'), 'utf8').trim().split('\n').length).toBe(a.frames);
    expect(c.ended).toBe('count');
  });
});

/** Heap in MiB after a collection when available (node --expose-gc), else as is. */
function heapMb(): number {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().heapUsed / 1024 / 1024;
}

function endpointOpts(version: '2.0.1', abort: AbortSignal) {
  const notes: string[] = [];
  return {
    notes,
    opts: {
      version,
      validator: schemas.for(version),
      recorder: { frame: () => undefined, note: (_k: string, t: string) => void notes.push(t) },
      ids: counterIds('h'),
      monotonic: () => performance.now(),
      messageTimeoutMs: 2000,
      defaultRequirement: 'R',
      abort,
    },
  };
}

describe("the harness's own mocks survive the fuzzer's output", () => {
  const frames = (direction: 'to-csms' | 'to-cs') =>
    [...fuzzPlan({ version: '2.0.1', direction, seed: 'self-abuse', count: 400, validator: schemas.for('2.0.1') })].flatMap((m) => [
      ...(m.setup ?? []),
      m.frame,
    ]);

  const isProbe = (f: { frame: { kind: string; messageId?: string } }) => f.frame.kind === 'call' && f.frame.messageId === 'after-fuzz';

  it('mock CSMS: every fuzz frame a station can send is recorded, and the endpoint still works', async () => {
    const server = new CsmsServer({
      host: '127.0.0.1',
      port: 0,
      version: '2.0.1',
      identity: 'CP-FUZZ',
      monotonic: () => performance.now(),
    });
    await server.listen();
    const gateway = new StationGateway(server);
    const { opts } = endpointOpts('2.0.1', new AbortController().signal);
    const csms = new MockCsms(opts);
    gateway.attach(csms);
    const ws = new WebSocket(`${server.url()}/CP-FUZZ`, ['ocpp2.0.1']);
    try {
      const before = heapMb();
      await new Promise((r) => ws.once('open', r));
      const sent = frames('to-csms');
      for (const f of sent) ws.send(f);
      ws.send('[2,"after-fuzz","Heartbeat",{}]');
      const probe = await csms.expectFrame('the Heartbeat sent after the fuzz frames', isProbe, { within: 20_000 });
      expect(probe.frame.kind).toBe('call');
      expect(csms.receivedCalls().length).toBeGreaterThan(10);
      // The endpoint still answers like any case would.
      await csms.reply(
        csms.receivedCalls().find((c) => c.messageId === 'after-fuzz')!,
        { currentTime: new Date().toISOString() },
      );
      expect(heapMb() - before).toBeLessThan(200);
    } finally {
      ws.terminate();
      gateway.detach();
      await server.close();
    }
  });

  it('mock station: every fuzz frame a CSMS can send is recorded, and the endpoint still works', async () => {
    const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, handleProtocols: () => 'ocpp2.0.1' });
    await new Promise((r) => wss.once('listening', r));
    const port = (wss.address() as { port: number }).port;
    const toStation = frames('to-cs');
    wss.on('connection', (sock) => {
      for (const f of toStation) sock.send(f);
      sock.send(
        '[2,"after-fuzz","GetVariables",{"getVariableData":[{"component":{"name":"OCPPCommCtrlr"},"variable":{"name":"HeartbeatInterval"}}]}]',
      );
    });
    const { opts } = endpointOpts('2.0.1', new AbortController().signal);
    const station = new MockStation(opts, { target: `ws://127.0.0.1:${port}/ocpp`, identity: 'CP-FUZZ', connectMs: 3000 });
    try {
      const before = heapMb();
      await station.connect();
      await station.expectFrame('the GetVariables sent after the fuzz frames', isProbe, { within: 20_000 });
      expect(station.receivedCalls().length).toBeGreaterThan(10);
      expect(heapMb() - before).toBeLessThan(200);
    } finally {
      station.disconnectAll();
      for (const c of wss.clients) c.terminate();
      await new Promise((r) => wss.close(r));
    }
  });
});
