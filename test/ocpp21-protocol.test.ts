/** OCPP 2.1 protocol: every schema validates in our validator, SEND and CALLRESULTERROR framing, error codes, subprotocols. */
import { afterEach, describe, expect, it } from '@jest/globals';
import { createRequire } from 'node:module';
import WebSocket from 'ws';
import type { OcppVersion } from '../src/core/versions.js';
import { generateValid } from '../src/fuzz/generate.js';
import { rng } from '../src/fuzz/random.js';
import { errorCodes } from '../src/protocol/errors.js';
import { MessageType, parseFrame, serializeResultError, serializeSend } from '../src/protocol/framing.js';
import { SchemaRegistry } from '../src/protocol/schemas.js';
import { dialCsms } from '../src/transport/client.js';
import { CsmsServer } from '../src/transport/server.js';
import { PeerRegistry } from '../src/wiring/peer-registry.js';
import type { ReferenceCsms } from '../src/engine/peer-contract.js';
import { testConfig } from './support.js';
import { startCsmsModule } from './csms-start.js';

const require = createRequire(import.meta.url);
const schemas = new SchemaRegistry();
const v21 = schemas.for('2.1');
const docs = require('ocpp-rpc/lib/schemas/ocpp2_1.json') as { $id: string }[];

describe('OCPP 2.1 schemas in our validator', () => {
  it('knows the 90 request/response actions and the SEND-only NotifyPeriodicEventStream', () => {
    expect(docs).toHaveLength(181);
    const actions = v21.actions();
    expect(actions).toHaveLength(91);
    for (const a of actions) {
      expect(v21.schema(a, 'request')).toBeDefined();
      if (a === 'NotifyPeriodicEventStream') expect(v21.schema(a, 'response')).toBeUndefined();
      else expect(v21.schema(a, 'response')).toBeDefined();
    }
    for (const a of ['AFRRSignal', 'SetDERControl', 'NotifySettlement', 'GetTariffs', 'OpenPeriodicEventStream', 'BatterySwap'])
      expect(actions).toContain(a);
  });

  // ocpp-rpc's strict mode looks 2.1 schemas up under ids the file does not use
  // ("urn:X.req"), so it cannot validate 2.1; ours registers each document under its own key.
  it.each(docs.map((d) => d.$id))('%s: generated payloads validate, a broken one does not', (id) => {
    const m = /^urn:(.+?)(Request|Response)?$/.exec(id);
    expect(m).not.toBeNull();
    const action = m?.[1] ?? '';
    const direction = m?.[2] === 'Response' ? 'response' : 'request';
    const schema = v21.schema(action, direction);
    expect(schema).toBeDefined();
    for (const seed of [1, 2, 3]) {
      const payload = generateValid(schema ?? {}, rng(`${id}:${seed}`));
      const r = v21.validate(action, direction, payload);
      expect(r.violations).toEqual([]);
      expect(r.known && r.valid).toBe(true);
    }
    // Every OCA schema forbids properties it does not name.
    const broken = v21.validate(action, direction, { notAnOcppField: 1 });
    expect(broken.known).toBe(true);
    expect(broken.valid).toBe(false);
  });
});

describe('OCPP 2.1 framing', () => {
  it('writes and reads SEND [6] and CALLRESULTERROR [5]', () => {
    const send = serializeSend('s1', 'NotifyPeriodicEventStream', { id: 1, pending: 0, basetime: '2025-01-01T00:00:00Z', data: [] });
    expect(JSON.parse(send)[0]).toBe(MessageType.SEND);
    expect(parseFrame(send)).toMatchObject({ kind: 'send', messageId: 's1', action: 'NotifyPeriodicEventStream' });
    const rerr = serializeResultError('c1', 'FormatViolation', 'bad result');
    expect(parseFrame(rerr)).toEqual({
      kind: 'error',
      messageType: 5,
      messageId: 'c1',
      errorCode: 'FormatViolation',
      errorDescription: 'bad result',
      errorDetails: {},
    });
  });

  it("has 2.1's error codes (those of 2.0.1: OCPP-J 2.1 adds no code)", () => {
    expect(errorCodes('2.1')).toEqual(errorCodes('2.0.1'));
    expect(errorCodes('2.1')).toContain('MessageTypeNotSupported');
    expect(errorCodes('2.1')).toContain('RpcFrameworkError');
  });
});

describe('OCPP 2.1 subprotocol negotiation', () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  async function referenceCsms(version: OcppVersion): Promise<ReferenceCsms> {
    const csms = await startCsmsModule(new PeerRegistry().csms(version), version, schemas, testConfig());
    cleanups.push(() => csms.stop());
    return csms;
  }

  const offer = async (url: string, protocols: string[]): Promise<string> => {
    const r = await dialCsms({ target: url, identity: 'CP-TEST', version: '2.1', subprotocols: protocols, timeoutMs: 3000, label: 'cs' });
    if (!r.ok) return `refused: ${r.error}`;
    cleanups.push(() => r.conn.close(1000));
    return r.conn.subprotocol;
  };

  it('the 2.1 reference CSMS selects ocpp2.1 whatever order a station offers it in', async () => {
    // One CSMS per dial: a second session of the same station would be a duplicate (409).
    expect(await offer((await referenceCsms('2.1')).url, ['ocpp2.1', 'ocpp2.0.1'])).toBe('ocpp2.1');
    expect(await offer((await referenceCsms('2.1')).url, ['ocpp2.0.1', 'ocpp2.1'])).toBe('ocpp2.1');
  });

  it('a station offering ocpp2.1, ocpp2.0.1 speaks 2.0.1 with a 2.0.1-only CSMS', async () => {
    const csms = await referenceCsms('2.0.1');
    expect(await offer(csms.url, ['ocpp2.1', 'ocpp2.0.1'])).toBe('ocpp2.0.1');
  });

  it("the harness's 2.1 CSMS selects ocpp2.1 from a station offering both, and none from a 2.0.1-only one", async () => {
    const server = new CsmsServer({ host: '127.0.0.1', port: 0, version: '2.1', identity: 'CP21', monotonic: () => performance.now() });
    const port = await server.listen();
    cleanups.push(() => server.close());
    const selected: string[] = [];
    server.onConnection((_c, h) => selected.push(h.selected));
    const ws = new WebSocket(`ws://127.0.0.1:${port}/CP21`, ['ocpp2.0.1', 'ocpp2.1']);
    cleanups.push(() => ws.terminate());
    await new Promise((res, rej) => ws.once('open', res).once('error', rej));
    expect(ws.protocol).toBe('ocpp2.1');
    expect(selected).toEqual(['ocpp2.1']);
    const old = new WebSocket(`ws://127.0.0.1:${port}/CP21`, ['ocpp2.0.1']);
    cleanups.push(() => old.terminate());
    await expect(new Promise((res, rej) => old.once('open', res).once('error', rej))).rejects.toThrow(/subprotocol/);
  });
});
